"""The rules of the feedback app; views, API, tasks and other apps' receivers call these.

`invite(...)` is the entry point for other apps (e.g. complaints asking for a recovery survey):
see docs/feedback.md.
"""

from bluebridge.feedback.services.invitations import Decision, invite

__all__ = ["Decision", "invite"]
