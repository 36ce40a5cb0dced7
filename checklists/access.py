"""Who sees the region dashboard: the one rule that its views and the main menu read."""

from organisation.models import REGION_PERMISSION


def may_see_region(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(REGION_PERMISSION)
