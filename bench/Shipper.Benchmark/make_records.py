"""Writes COUNT records of about 200 bytes, CLEF-shaped, to PATH."""
import sys

path, count = sys.argv[1], int(sys.argv[2])
pad = "x" * 60
with open(path, "w", buffering=1 << 20) as f:
    for i in range(1, count + 1):
        f.write(f'{{"@t":"2026-01-01T00:00:00.0000000Z","@mt":"task {{task_id}} step {{step}}","task_id":{i % 1000},"step":{i},"run_id":"01a22ec8-7208-7a5b-b777-77353fc994b8","p":"{pad}"}}\n')
