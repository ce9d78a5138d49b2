"""Every URL of the web app (the permission tests walk this list)."""

from django.urls import path

from .audit import views as audit
from .findings import views as findings
from .reports import views as reports
from .rounds import views as rounds

urlpatterns = [
    path("", rounds.home, name="home"),
    path("login/", rounds.login_view, name="login"),
    path("logout/", rounds.logout_view, name="logout"),
    path("users/", rounds.users, name="users"),
    path("rounds/new/", rounds.round_new, name="round_new"),
    path("rounds/<int:round_id>/", rounds.round_overview, name="round"),
    path("rounds/<int:round_id>/progress.json", rounds.progress, name="progress"),
    path("rounds/<int:round_id>/members/", rounds.members, name="members"),
    path("rounds/<int:round_id>/upload/", reports.upload, name="upload"),
    path("rounds/<int:round_id>/audit/", audit.audit_log, name="audit"),
    path("rounds/<int:round_id>/export/summary.xlsx", findings.export_xlsx, name="export_xlsx"),
    path("rounds/<int:round_id>/export/decisions.csv", findings.export_decisions_csv, name="export_csv"),
    path("rounds/<int:round_id>/export/decisions.json", findings.export_decisions_json, name="export_json"),
    path("rounds/<int:round_id>/export/annotated.zip", findings.export_annotated_zip, name="export_zip"),
    path("rounds/<int:round_id>/reports/<int:report_id>/", findings.report_page, name="report"),
    path("rounds/<int:round_id>/reports/<int:report_id>/decide/", findings.decide, name="decide"),
    path("rounds/<int:round_id>/reports/<int:report_id>/assign/", reports.assign, name="assign"),
    path(
        "rounds/<int:round_id>/reports/<int:report_id>/annotated.docx",
        findings.export_annotated_docx,
        name="export_docx",
    ),
    path(
        "rounds/<int:round_id>/reports/<int:report_id>/versions/<int:number>/original",
        reports.original,
        name="original",
    ),
    path("people/<int:person_id>/", reports.person, name="person"),
]

handler404 = "shuzhi.web.rounds.errors.not_found"
handler403 = "shuzhi.web.rounds.errors.denied"
handler400 = "shuzhi.web.rounds.errors.bad_request"
handler500 = "shuzhi.web.rounds.errors.server_error"
