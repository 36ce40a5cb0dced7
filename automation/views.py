from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.translation import gettext_noop as N_
from django.views import View

from .forms import ReminderSettingsForm
from .reminders import turned_off
from .services import reminder_settings_save

MSG_SAVED = N_("Dina val för påminnelser är sparade.")


class ReminderSettingsView(LoginRequiredMixin, View):
    template_name = "automation/settings.html"

    def get(self, request):
        form = ReminderSettingsForm(off=turned_off(request.user))
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = ReminderSettingsForm(request.POST, off=turned_off(request.user))
        if not form.is_valid():  # booleans: only a forged post gets here
            return render(request, self.template_name, {"form": form})
        reminder_settings_save(user=request.user, enabled=form.enabled())
        messages.success(request, MSG_SAVED)
        return redirect("automation:settings")
