"""The back-office screen (后台审批 · 一章审批 · 督着办): ``counter backoffice``.

- :mod:`ui.backoffice.session` — the signed-in person, the worker, and the calls to the one
  door of this screen, :mod:`counter.backoffice`;
- :mod:`ui.backoffice.models` — the inbox / supervision table model;
- :mod:`ui.backoffice.case_page` — the case page and its actions;
- :mod:`ui.backoffice.supervision` — 督着办 for managers;
- :mod:`ui.backoffice.verify` — verifying a document's code (核验);
- :mod:`ui.backoffice.window` — the main window; :mod:`ui.backoffice.app` — the entry point.
"""
