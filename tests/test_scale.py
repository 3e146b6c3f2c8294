"""Bounded sentences, streaming and parallel extraction (issue 11 items 9 and 13)."""
from __future__ import annotations

import io
import itertools
import tracemalloc

from dtanalysis.extract import (
    extract_figures,
    extract_paths,
    stream_extraction,
    write_csv,
)
from dtanalysis.reading.sentences import MAX_SENTENCE, split_sentences

CLAUSE = "huyện {i} đạt {i},5% hồ sơ trực tuyến, tăng {i} điểm; "


def _table_bytes(text: str) -> int:
    buf = io.StringIO()
    write_csv(extract_figures(text, "d"), buf)
    return len(buf.getvalue().encode("utf-8"))


def test_sentences_are_bounded():
    for text in (
        "; ".join(f"mục {i} là {i}" for i in range(2000)),  # clause breaks
        " ".join(str(i) for i in range(5000)),  # words only
        "7" * 5000,  # no break at all: cut at the limit
    ):
        spans = split_sentences(text)
        assert max(b - a for a, b in spans) <= MAX_SENTENCE
        # the pieces cover the text in order and only white space is left out
        assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
        assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")


def test_short_sentences_are_unchanged():
    text = "Tỉnh Cà Mau đạt 88,03% hồ sơ, tăng 5%. Huyện A có 1.200 tài khoản; xã B 300."
    cut = text.index(" Huyện")
    assert split_sentences(text) == [(0, cut), (cut + 1, len(text))]


def test_a_long_line_gives_a_table_proportional_to_it():
    # a 200 KB line of numbers without sentence ends (once a 1.1 GB table)
    small = "".join(CLAUSE.format(i=i) for i in range(400))
    big = "".join(CLAUSE.format(i=i) for i in range(4000))
    assert len(big.encode("utf-8")) > 200_000
    n_small, n_big = _table_bytes(small), _table_bytes(big)
    assert n_big < 12 * n_small  # linear: ten times the input, about ten times the table
    assert n_big < 40 * len(big.encode("utf-8"))
    df = extract_figures(big, "d")
    assert len(df) > 3 * 3900  # the figures are all still read
    assert (df["sentence"].str.len() <= MAX_SENTENCE).all()


def _corpus(folder, n_files: int, size: int = 20_000):
    folder.mkdir()
    line = "Tỉnh Cà Mau đạt 88,03% hồ sơ trực tuyến; hơn 19.580 chữ ký số, tăng 12,5%.\n"
    body = line * (size // len(line))
    for i in range(n_files):
        (folder / f"doc{i:04d}.txt").write_text(body, encoding="utf-8")
    return folder


def _peak_of_stream(folder) -> tuple[int, int]:
    class Counting(io.TextIOBase):
        n = 0

        def write(self, s):
            self.n += len(s)
            return len(s)

    out, ments = Counting(), Counting()
    tracemalloc.start()
    try:
        summary = stream_extraction([folder], out, ments)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not summary.failures
    return peak, out.n


def test_streaming_memory_stays_flat(tmp_path):
    peak_small, n_small = _peak_of_stream(_corpus(tmp_path / "small", 4))
    peak_big, n_big = _peak_of_stream(_corpus(tmp_path / "big", 32))
    assert n_big > 7 * n_small  # eight times the output ...
    assert peak_big < 1.5 * peak_small  # ... in the same memory


def test_stream_is_byte_identical_to_the_tables(tmp_path):
    d = _corpus(tmp_path / "c", 3, 2_000)
    (d / "b.txt").write_text("Hà Nội: 12 xã, 3,5%.", encoding="utf-8")
    (d / "sub").mkdir()
    (d / "sub" / "b.txt").write_text("Huế 7%.", encoding="utf-8")  # same name: doc_id is the path
    res = extract_paths([d])
    want_f, want_m = io.StringIO(), io.StringIO()
    write_csv(res.figures, want_f)
    write_csv(res.mentions, want_m)
    for jobs in (1, 2):
        got_f, got_m = io.StringIO(), io.StringIO()
        summary = stream_extraction([d], got_f, got_m, jobs=jobs)
        assert got_f.getvalue() == want_f.getvalue()
        assert got_m.getvalue() == want_m.getvalue()
        assert summary.n_figures == len(res.figures) and summary.n_texts == 5


def test_dask_bag_gives_the_serial_output(tmp_path):
    # dask is an optional extra that ``make test`` installs: this test never skips
    from dask import distributed

    from dtanalysis.extract import stream_extraction_dask

    d = _corpus(tmp_path / "c", 5, 3_000)
    want_f, want_m = io.StringIO(), io.StringIO()
    stream_extraction([d], want_f, want_m)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        got_f, got_m = io.StringIO(), io.StringIO()
        summary = stream_extraction_dask([d], got_f, got_m, client=client)
    assert got_f.getvalue() == want_f.getvalue()
    assert got_m.getvalue() == want_m.getvalue()
    assert summary.n_texts == 5
