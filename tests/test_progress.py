from pipeline.progress import ProgressLogger, format_duration, format_rate


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_logs_every_few_seconds_with_rate_and_eta():
    clock, lines = FakeClock(), []
    p = ProgressLogger(100, lines.append, every_s=5, clock=clock)
    for _ in range(10):  # 10 docs in 4.5 s: under the interval, nothing logged
        clock.t += 0.45
        p.update()
    assert lines == []
    clock.t += 0.5  # 11 docs after 5 s
    p.update()
    assert lines == ["documents 11/100 (11%), 2.2 docs/s, ETA 40 s"]


def test_every_n_logs_by_count_and_final_line_once():
    clock, lines = FakeClock(), []
    with ProgressLogger(4, lines.append, every_s=3600, every_n=2, clock=clock) as p:
        for _ in range(4):
            clock.t += 30
            p.update()
    assert lines == [
        "documents 2/4 (50%), 0.033 docs/s, ETA 1 min 00 s",
        "documents 4/4 (100%), 0.033 docs/s, done in 2 min 00 s",
    ]


def test_empty_total_still_logs_that_it_ran():
    lines = []
    with ProgressLogger(0, lines.append, clock=FakeClock()):
        pass
    assert lines == ["documents 0/0, done in 0 s"]


def test_failure_midway_reports_how_far_it_got():
    clock, lines = FakeClock(), []
    try:
        with ProgressLogger(10, lines.append, every_s=60, clock=clock) as p:
            clock.t += 2
            p.update(3)
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert lines == ["documents 3/10 (30%), 1.5 docs/s, ETA 5 s"]


def test_format_rate():
    assert [format_rate(r) for r in (0.0333, 2.19, 9.95, 12.4, 250.0)] == ["0.033", "2.2", "9.9", "12", "250"]


def test_format_duration():
    assert [format_duration(s) for s in (0.4, 59, 61, 3599, 7620)] == ["0 s", "59 s", "1 min 01 s", "59 min 59 s", "2 h 07 min"]
