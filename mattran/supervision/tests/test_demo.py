from django.core.management import call_command

from mattran.supervision.models import Recommendation, RecommendationStatus, SupervisionActivity


def test_demo_has_every_recommendation_state_and_loads_once(db):
    call_command("load_demo", verbosity=0)
    states = set(Recommendation.objects.values_list("status", flat=True))
    assert states == set(RecommendationStatus.values)
    assert SupervisionActivity.objects.values("form").distinct().count() >= 3
    count = Recommendation.objects.count()
    call_command("load_demo", verbosity=0)
    assert Recommendation.objects.count() == count


def test_daily_command_escalates_overdue_recommendations(db, world):
    import datetime

    late = world.issued(issued_on=datetime.date(2026, 1, 5))
    call_command("supervision_daily", verbosity=0)
    late.refresh_from_db()
    assert late.status == RecommendationStatus.ESCALATED
