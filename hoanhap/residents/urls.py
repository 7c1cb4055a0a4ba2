from django.urls import path

from . import views
from .io.urls import urlpatterns as io_urlpatterns
from .views import board, grading, work

app_name = "residents"

urlpatterns = [
    path("", views.resident_list, name="list"),
    path("register/", views.register, name="register"),
    path("releases-due/", views.releases_due, name="releases-due"),
    path("overdue/", views.overdue_in_stage, name="overdue"),
    path("absconded/", views.absconded, name="absconded"),
    path("grades/sheet/", grading.grading_sheet, name="grading-sheet"),
    path("rooms/", board.board, name="room-board"),
    path("my-work/", work.my_work, name="my-work"),
    path("my-work/list/", work.work_list, name="work-list"),
    path("<int:resident_id>/", views.resident_detail, name="detail"),
    path("<int:resident_id>/edit/", views.edit, name="edit"),
    path("<int:resident_id>/photo/", views.photo, name="photo"),
    path("<int:resident_id>/admit/", views.admit, name="admit"),
    path("<int:resident_id>/admit/rooms/", views.admission_rooms, name="admit-rooms"),
    path("<int:resident_id>/admit/term/", views.admission_term, name="admit-term"),
    path("<int:resident_id>/stage/", views.move_stage, name="episode-stage"),
    path("<int:resident_id>/room/", views.change_room, name="episode-room"),
    path("<int:resident_id>/checklist/<int:item_id>/", views.tick_checklist, name="checklist-tick"),
    path("<int:resident_id>/grades/", views.conduct_grade, name="conduct-grade"),
    path("<int:resident_id>/events/<slug:kind>/", views.legal_event, name="episode-event"),
    path("<int:resident_id>/aftercare/note/", views.aftercare_note, name="aftercare-note"),
    path("<int:resident_id>/aftercare/close/", views.aftercare_close, name="aftercare-close"),
]

# Roster import, list export, printable documents (io/views.py).
urlpatterns += io_urlpatterns
