"""`make run` reads .env for what the environment leaves unset: the environment wins."""

import subprocess
from pathlib import Path

LOAD_ENV = Path(__file__).resolve().parents[1] / "scripts" / "load-env.sh"


def loaded(env_file: str, tmp_path: Path, **environment: str) -> dict[str, str]:
    (tmp_path / ".env").write_text(env_file)
    script = f'. "{LOAD_ENV}"; load_env .env; env'
    result = subprocess.run(
        ["/bin/bash", "-c", script],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)


def test_host_and_port_from_the_environment_win_over_the_env_file(tmp_path):
    env = loaded("HOST=127.0.0.1\nPORT=8000\nWEB_WORKERS=3\n", tmp_path, HOST="0.0.0.0", PORT="9000")  # noqa: S104
    assert env["HOST"] == "0.0.0.0"  # noqa: S104
    assert env["PORT"] == "9000"
    assert env["WEB_WORKERS"] == "3"


def test_an_empty_value_in_the_environment_still_wins(tmp_path):
    env = loaded("DJANGO_CSRF_TRUSTED_ORIGINS=https://a.example\n", tmp_path, DJANGO_CSRF_TRUSTED_ORIGINS="")
    assert env["DJANGO_CSRF_TRUSTED_ORIGINS"] == ""


def test_the_env_file_fills_what_the_environment_leaves_unset_skipping_comments(tmp_path):
    env_file = "# a comment\n\nDJANGO_DEBUG=false\nexport MEDIA_ROOT=var/media\nSECRET='a b=c'\n# PORT=1\nPORT=8000"
    env = loaded(env_file, tmp_path)
    assert env["DJANGO_DEBUG"] == "false"
    assert env["MEDIA_ROOT"] == "var/media"
    assert env["SECRET"] == "a b=c"
    assert env["PORT"] == "8000"


def test_run_sh_loads_env_through_load_env_not_by_sourcing_it_whole():
    run = (LOAD_ENV.parent / "run.sh").read_text()
    assert "load_env .env" in run
    assert ". ./.env" not in run
