"""The administrator's console (``counter admin``): catalogue, staff, calendar, hall settings,
windows and queues, village service points — every screen on the door :mod:`counter.admin`."""
