"""Which market views a signed-in user gets, by role."""

from __future__ import annotations



from creator_studio.ui.translate import tr  # noqa: E402


def build_role_views(ctx, user, parent=None) -> list[tuple[str, object]]:
    views = []
    if "maker" in user.roles:
        from creator_studio.ui.market.maker_views import MakerMarketView

        views.append((tr("Market"), MakerMarketView(ctx)))
    if "buyer" in user.roles:
        from creator_studio.ui.market.buyer_views import BuyerView

        views.append((tr("Buyer"), BuyerView(ctx)))
    if "staff" in user.roles:
        from creator_studio.ui.market.staff_views import StaffView

        views.append((tr("Operations"), StaffView(ctx)))
    from creator_studio.ui.market.notifications_view import NotificationsView

    views.append((tr("Notifications"), NotificationsView(ctx)))
    return views
