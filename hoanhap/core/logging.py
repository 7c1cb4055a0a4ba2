from django.views.debug import SafeExceptionReporterFilter


class SensitiveReporterFilter(SafeExceptionReporterFilter):
    """Error reports never carry form data: ID numbers, health and criminal data live there."""

    def get_post_parameters(self, request):  # type: ignore[no-untyped-def]
        return dict.fromkeys(request.POST if request else {}, self.cleansed_substitute)
