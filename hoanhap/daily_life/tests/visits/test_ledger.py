"""The money ledger, as a property: whatever deposits and withdrawals are asked for, in any order,
the balance never goes negative, equals the sum of the movements written, and a withdrawal above
the balance is refused with nothing written."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoanhap.core.errors import DomainError
from hoanhap.daily_life.models import Deposit
from hoanhap.daily_life.selectors.visits import LEDGER_PAGE_SIZE
from hoanhap.daily_life.services import visits as services
from hoanhap.testing import client_for

pytestmark = pytest.mark.django_db

MOVEMENTS = st.lists(
    st.tuples(st.sampled_from(["deposit", "withdrawal"]), st.integers(min_value=1, max_value=2_000_000)),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(movements=MOVEMENTS)
def test_any_sequence_of_movements_keeps_the_balance_the_sum_and_never_negative(
    visit_officer, episode, today, movements
):
    Deposit.objects.filter(resident_id=episode.resident_id).delete()
    expected = 0
    for kind, amount in movements:
        before = Deposit.objects.count()
        if kind == "withdrawal" and amount > expected:
            with pytest.raises(DomainError) as refused:
                services.record_money_movement(actor=visit_officer, episode=episode, kind=kind, amount=amount)
            assert refused.value.code == "above_balance"
            assert Deposit.objects.count() == before
            continue
        services.record_money_movement(actor=visit_officer, episode=episode, kind=kind, amount=amount)
        expected += amount if kind == "deposit" else -amount
    rows = list(Deposit.objects.filter(resident_id=episode.resident_id).order_by("pk"))
    signed = [row.amount if row.kind == Deposit.Kind.DEPOSIT else -row.amount for row in rows]
    running = 0
    for row, change in zip(rows, signed, strict=True):
        running += change
        assert row.balance_after == running >= 0
    assert services.current_balance(episode.resident_id) == sum(signed) == expected >= 0


def test_the_ledger_page_pages_the_movements_and_keeps_the_balance_of_the_latest(visit_officer, episode, today):
    for _ in range(LEDGER_PAGE_SIZE + 1):
        services.record_money_movement(actor=visit_officer, episode=episode, kind="deposit", amount=1_000)
    client = client_for(visit_officer)
    url = reverse("daily_life:visit-resident", args=[episode.resident_id])
    first, second = client.get(url), client.get(url, {"page": 2})
    assert first.context["ledger"].balance == second.context["ledger"].balance == 51_000
    assert len(first.context["ledger"].movements) == LEDGER_PAGE_SIZE
    assert [m.balance_after for m in second.context["ledger"].movements] == [1_000]  # the oldest, alone
    assert client.get(url, {"page": "999"}).status_code == 200  # out of range: the last page
    api = client.get(f"/api/daily-life/visits/ledger/{episode.resident_id}", {"page": 2}).json()
    assert (api["balance"], api["page"], api["pages"], len(api["movements"])) == (51_000, 2, 2, 1)
