#!/usr/bin/env python3
"""Writes data/sample/email.csv: a synthetic email queue (no real data), byte for byte.

Two queues (orders, returns), two weeks from Monday 2024-03-04, 30-minute intervals around the
clock (email arrives at night and at weekends too). Volume per interval: a daily shape (quiet at
night, a morning peak, a smaller afternoon one) times a weekday factor, plus Poisson-like noise
from a fixed linear congruential generator, so the file does not depend on Python's random module.
Handle time per item: about 6 minutes for orders, 9 for returns, varying a little by interval.
Usage: python3 scripts/make_email_sample.py > data/sample/email.csv
"""
import math
import sys
from datetime import datetime, timedelta

state = 20240304


def uniform():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return ((state >> 11) & ((1 << 53) - 1)) / float(1 << 53)


def poisson(mean):
    # Knuth's method for small means, a rounded normal approximation above 30.
    if mean > 30:
        u1, u2 = max(uniform(), 1e-12), uniform()
        z = math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
        return max(0, round(mean + z * math.sqrt(mean)))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= uniform()
        if p <= limit:
            return k
        k += 1


def shape(hour):
    # Items per 30 minutes for a weekday at this hour (0-24, fractional).
    night = 2.0
    morning = 14.0 * math.exp(-((hour - 10.0) ** 2) / 6.0)
    afternoon = 9.0 * math.exp(-((hour - 15.5) ** 2) / 8.0)
    evening = 4.0 * math.exp(-((hour - 20.0) ** 2) / 6.0)
    return night + morning + afternoon + evening


weekday_factor = [1.15, 1.0, 0.95, 0.95, 0.9, 0.45, 0.35]  # Monday .. Sunday
queues = [("orders", 1.0, 360.0), ("returns", 0.55, 540.0)]

out = sys.stdout
out.write("interval_start,queue,offered,aht_s\n")
start = datetime(2024, 3, 4)
for i in range(14 * 48):
    t = start + timedelta(minutes=30 * i)
    hour = t.hour + t.minute / 60 + 0.25
    for name, scale, aht in queues:
        items = poisson(shape(hour) * weekday_factor[t.weekday()] * scale)
        handle = round(aht * (0.9 + 0.2 * uniform()), 1)
        out.write(f"{t:%Y-%m-%dT%H:%M},{name},{items},{handle}\n")
