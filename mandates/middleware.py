"""This worker's copies of the public pages, served near the top of the middleware."""

from .cache import anonymous_get, keep_page, kept_page, local_layer_enabled


class PublicPageMiddleware:
    """Placed after DatabaseUnavailableMiddleware (the version read is a query, and an outage
    must still give the 503 page) and before the session middleware. Everything below it that
    would have run for a kept page adds only what the kept response already carries: the
    session, messages and user are not read without their cookies, and the CSP, frame and
    permissions headers were added when the page was first served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (anonymous_get(request) and local_layer_enabled()):
            return self.get_response(request)
        response = kept_page(request)
        if response is not None:
            request.get_host()  # a Host outside ALLOWED_HOSTS is a 400, as CommonMiddleware says
            return response
        response = self.get_response(request)
        keep_page(request, response)
        return response
