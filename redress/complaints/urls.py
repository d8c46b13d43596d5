from django.urls import path

from .views import (
    actions,
    advocacy,
    allocation,
    closing,
    downloads,
    findings,
    holds,
    home,
    lists,
    mediation,
    pages,
    record,
    stage2,
    stage3,
)
from .views import payments as payment_views

app_name = "complaints"
urlpatterns = [
    path("", lists.complaint_list_view, name="list"),
    path("download/", downloads.download, name="download"),
    path("team/", home.team, name="team"),
    # Recording a complaint: question pages, check your answers, confirmation
    path("new/", record.record, name="record"),
    path("new/<str:key>/check/", record.record_check, name="record_check"),
    path("new/<str:key>/recorded/", record.record_done, name="record_done"),
    path("new/<str:key>/<slug:page>/", record.record_page, name="record_page"),
    path("<int:pk>/details/", record.change_details, name="change_details"),
    path(
        "<int:pk>/details/<str:key>/check/",
        record.change_details_check,
        name="change_details_check",
    ),
    path(
        "<int:pk>/details/<str:key>/<slug:page>/",
        record.change_details_page,
        name="change_details_page",
    ),
    path("<int:pk>/", pages.summary, name="summary"),
    path("<int:pk>/stages/", pages.stages, name="stages"),
    path("<int:pk>/timeline/", pages.timeline, name="timeline"),
    path("<int:pk>/people/", pages.people, name="people"),
    path("<int:pk>/payments-and-learning/", pages.payments, name="payments"),
    path("<int:pk>/payments/new/", payment_views.record, name="payment_record"),
    path(
        "<int:pk>/payments/<int:payment_pk>/remove/",
        payment_views.remove,
        name="payment_remove",
    ),
    path("<int:pk>/advocacy/refer/", advocacy.refer, name="advocacy_refer"),
    path("<int:pk>/escalate/", actions.escalate, name="escalate"),
    path("<int:pk>/stages/<int:number>/acknowledge/", actions.acknowledge, name="acknowledge"),
    path("<int:pk>/stages/<int:number>/extend/", actions.extend, name="extend"),
    path("<int:pk>/stages/<int:number>/respond/", actions.respond, name="respond"),
    # Allocation, holds, findings, and closing without a response
    path("<int:pk>/stages/<int:number>/allocate/", allocation.allocate, name="allocate"),
    path("<int:pk>/stages/<int:number>/hold/", holds.hold, name="hold"),
    path("<int:pk>/stages/<int:number>/resume/", holds.resume, name="resume"),
    path("<int:pk>/stages/<int:number>/findings/", findings.findings, name="findings"),
    path("<int:pk>/stages/<int:number>/withdraw/", closing.withdraw, name="withdraw"),
    path(
        "<int:pk>/stages/<int:number>/outside-jurisdiction/",
        closing.outside_jurisdiction,
        name="outside_jurisdiction",
    ),
    # Stage 2, the investigation
    path("<int:pk>/stages/2/appoint/", stage2.appoint, name="stage2_appoint"),
    path(
        "<int:pk>/stages/<int:number>/appointments/<int:appointment>/remove/",
        stage2.remove_appointment,
        name="appointment_remove",
    ),
    path("<int:pk>/stages/2/statement/", stage2.statement, name="stage2_statement"),
    path("<int:pk>/stages/2/reasons/", stage2.reasons, name="stage2_reasons"),
    path(
        "<int:pk>/stages/2/reasons/carry-over/",
        stage2.carry_over_reasons,
        name="stage2_reasons_carry_over",
    ),
    path(
        "<int:pk>/stages/2/reasons/<int:aspect>/remove/",
        stage2.remove_reason,
        name="stage2_reason_remove",
    ),
    path(
        "<int:pk>/stages/2/investigating-officer-report/",
        stage2.io_report,
        name="stage2_io_report",
    ),
    path("<int:pk>/stages/2/independent-person-report/", stage2.ip_report, name="stage2_ip_report"),
    path("<int:pk>/stages/2/adjudication/", stage2.adjudication, name="stage2_adjudication"),
    # Stage 3, the review panel
    path("<int:pk>/stages/3/panel/appoint/", stage3.appoint, name="stage3_appoint"),
    path("<int:pk>/stages/3/panel/", stage3.panel, name="stage3_panel"),
    path("<int:pk>/stages/3/panel-report/", stage3.report, name="stage3_report"),
    path("<int:pk>/stages/3/authority-response/", stage3.respond, name="stage3_respond"),
    # Mediation
    path("<int:pk>/mediation/offer/", mediation.offer, name="mediation_offer"),
    path("<int:pk>/mediation/<int:mediation>/meeting/", mediation.hold, name="mediation_hold"),
    path(
        "<int:pk>/mediation/<int:mediation>/outcome/", mediation.outcome, name="mediation_outcome"
    ),
]
