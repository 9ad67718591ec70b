"""`docconv batch`: outputs, manifest, resume, hostile inputs, kill -9, timeouts, crashes, shards, Ray."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import docconv
from docconv import cli
from docconv.batch import run_batch
from docconv.batch.local import run_local
from docconv.batch.plan import DIRECTORY_EXTENSIONS
from docconv.batch.worker import Job, Task, read_shard
from docconv.errors import BATCH_FAILURES_EXIT
from tests.support import FIXTURES, SEEDS_DIR

REPORT_A = """关于二〇二三年度安全生产工作的总结
来源：某某范文网 发布时间：2023-12-28
一、基本情况
今年以来，我单位坚持安全第一，全年未发生一般以上安全事故。
二、主要做法
（一）压实责任
层层签订安全生产责任书，做到横向到边、纵向到底。
（二）排查隐患
全年开展专项检查十二次，整改隐患八十六处。
三、下一步打算
继续完善制度，强化培训，确保安全形势持续稳定。
"""

REPORT_B = """社区志愿服务活动情况汇报
一、活动开展情况
本季度共组织志愿服务活动二十场，参与群众一千余人次。
二、存在的不足
部分活动形式单一，青年志愿者参与度不高。
三、改进措施
1.丰富活动内容，结合节日开展主题服务。
2.建立积分激励机制，吸引更多青年参与。
"""

REPORT_C = """個人年度述職報告
一、履職情況
本人負責部門日常管理工作，全年完成各項任務指標。
二、努力方向
進一步加強學習，提升業務能力和服務水平。
"""


def make_corpus(root: Path) -> dict[str, bytes]:
    """A small tree across encodings; returns rel path → bytes."""
    files = {
        "a.txt": REPORT_A.encode("utf-8"),
        "sub/b.txt": REPORT_B.encode("gbk"),
        "sub/deeper/c.txt": REPORT_C.encode("big5"),
        "sub/d.txt": REPORT_B.replace("本季度", "上半年").encode("utf-16"),
        "e.txt": ("\ufeff" + REPORT_A.replace("十二次", "十五次")).encode("utf-8"),
    }
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def run(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    code = cli.main(["batch", *args], stdout=io.StringIO(), stderr=err)
    return code, err.getvalue()


def manifest_lines(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def tree(out: Path, suffix: str = ".md") -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob(f"*{suffix}"))}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    make_corpus(root)
    return root


def test_outputs_mirror_the_tree_and_match_single_file_conversion(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, err = run(str(corpus), "-o", str(out), "-r", "-j", "2")
    assert code == 0, err
    outputs = tree(out)
    assert sorted(outputs) == ["a.md", "e.md", "sub/b.md", "sub/d.md", "sub/deeper/c.md"]
    for rel, data in outputs.items():
        source = next((corpus / rel).parent.glob(Path(rel).stem + ".txt"))
        assert data.decode("utf-8") == docconv.convert(str(source), "markdown")
    records = manifest_lines(out)
    assert sorted(r["rel"] for r in records) == sorted(p.relative_to(corpus).as_posix()
                                                     for p in corpus.rglob("*.txt"))
    assert all(r["status"] == "ok" and r["sha"] and r["options"] and r["version"] for r in records)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["ok"] == 5
    assert report["summary"]["failed"] == 0
    assert report["summary"]["removed"] >= 1  # the 来源 line of a.txt and e.txt
    assert (out / "errors.jsonl").read_text(encoding="utf-8") == ""
    assert "5 files: 5 ok, 0 failed, 0 skipped" in err


def test_without_recursive_only_the_top_level(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(corpus), "-o", str(out))[0] == 0
    assert sorted(tree(out)) == ["a.md", "e.md"]


def test_resume_does_nothing_and_says_so(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(corpus), "-o", str(out), "-r")[0] == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}
    lines = len(manifest_lines(out))
    code, err = run(str(corpus), "-o", str(out), "-r", "--resume")
    assert code == 0
    assert "nothing to do: all 5 inputs are unchanged" in err
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.md")} == before
    assert len(manifest_lines(out)) == lines


def test_resume_redoes_changed_failed_and_reoptioned_inputs(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert run(str(corpus), "-o", str(out), "-r")[0] == BATCH_FAILURES_EXIT
    (corpus / "a.txt").write_text(REPORT_A.replace("八十六处", "九十处"), encoding="utf-8")
    (corpus / "broken.txt").write_text(REPORT_B, encoding="utf-8")
    lines = len(manifest_lines(out))
    code, err = run(str(corpus), "-o", str(out), "-r", "--resume")
    assert code == 0, err
    redone = manifest_lines(out)[lines:]
    assert sorted(r["rel"] for r in redone) == ["a.txt", "broken.txt"]
    assert "九十处" in (out / "a.md").read_text(encoding="utf-8")
    assert "4 skipped" in err
    # other options: every input is redone
    lines = len(manifest_lines(out))
    assert run(str(corpus), "-o", str(out), "-r", "--resume", "--numbering", "strip")[0] == 0
    assert len(manifest_lines(out)) - lines == 6


def test_hostile_inputs_are_reported_and_the_rest_is_unchanged(corpus: Path, tmp_path: Path) -> None:
    clean_out = tmp_path / "clean"
    rules = tmp_path / "slow.toml"
    rules.write_text(
        '[[rule]]\nid = "test.slow"\nfamily = "furniture"\npattern = \'(x+x+)+y\'\nkind = "block"\n'
        'where = "anywhere"\nmax_len = 100000\nreason = "catastrophic backtracking on purpose"\n',
        encoding="utf-8")
    assert run(str(corpus), "-o", str(clean_out), "-r", "--rules", str(rules))[0] == 0
    hostile = {
        "h/binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "h/empty.txt": b"",
        "h/undecodable.txt": "正文".encode() + b"\xff\xfe" + "结束".encode(),
        "h/slow.txt": ("正文第一段。\n" + "x" * 40 + "\n").encode(),
        "h/long-line.txt": ("很长的一行没有换行" * 120_000).encode(),  # ~3 MB on one line
    }
    for rel, data in hostile.items():
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_bytes(data)
    out = tmp_path / "out"
    code, err = run(str(corpus), "-o", str(out), "-r", "-j", "2", "--rules", str(rules), "--timeout", "20")
    assert code == BATCH_FAILURES_EXIT, err
    errors = {e["rel"]: e for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    assert sorted(errors) == ["h/binary.txt", "h/empty.txt", "h/slow.txt", "h/undecodable.txt"]
    assert errors["h/binary.txt"]["class"] == "InputNotTextError"
    assert errors["h/empty.txt"]["class"] == "EmptyInputError"
    assert errors["h/undecodable.txt"]["class"] == "DecodingError"
    assert errors["h/slow.txt"]["status"] == "timeout"
    assert errors["h/slow.txt"]["class"] == "ConversionTimeoutError"
    assert (out / "h" / "long-line.md").stat().st_size > 2_000_000
    good = {k: v for k, v in tree(out).items() if not k.startswith("h/")}
    assert good == tree(clean_out)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {f["rel"] for f in report["failures"]} == set(errors)
    for rel in errors:
        assert f"{rel}: " in err  # one line per failure on stderr


def _descendants(pid: int) -> list[tuple[int, int]]:
    """(pid, depth) of every descendant process, read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: list[tuple[int, int]] = []
    frontier = [(pid, 0)]
    while frontier:
        p, depth = frontier.pop()
        for child, parent in parents.items():
            if parent == p:
                found.append((child, depth + 1))
                frontier.append((child, depth + 1))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker")
def test_a_killed_worker_is_reported_and_the_batch_goes_on(corpus: Path, tmp_path: Path) -> None:
    rules = tmp_path / "slow.toml"
    rules.write_text(
        '[[rule]]\nid = "test.slow"\nfamily = "furniture"\npattern = \'(x+x+)+y\'\nkind = "block"\n'
        'where = "anywhere"\nmax_len = 100000\nreason = "hangs on purpose"\n', encoding="utf-8")
    (corpus / "0-hang.txt").write_text("正文。\n" + "x" * 60 + "\n", encoding="utf-8")
    killed: list[int] = []

    def kill_the_worker() -> None:
        # the worker is a grandchild (forkserver) or child (spawn) that is not the resource tracker;
        # with one job, only the worker burns CPU: wait until it has, then kill it
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            time.sleep(0.5)
            for pid, _depth in _descendants(os.getpid()):
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[11]) > 300:  # utime in clock ticks: > 3 s of CPU, the hung conversion
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                    break

    thread = threading.Thread(target=kill_the_worker)
    thread.start()
    summary = run_batch([str(corpus)], tmp_path / "out", recursive=True, jobs=1, chunk_size=1,
                        timeout=None, options=docconv.Options(rules=(str(rules),)))
    thread.join()
    assert killed
    assert summary.failed == 1
    assert summary.failures[0]["rel"] == "0-hang.txt"
    assert summary.failures[0]["status"] == "crashed"
    assert summary.failures[0]["class"] == "WorkerCrashedError"
    assert "signal 9" in summary.failures[0]["message"]
    assert summary.ok == 5


def test_kill_9_mid_run_then_resume_completes_without_partial_outputs(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    texts = {}
    for i in range(40):
        text = REPORT_A.replace("十二次", f"{i + 1}次") + REPORT_B * (1 + i % 3)
        texts[f"d{i // 10}/r{i:02d}.txt"] = text
        (corpus / f"d{i // 10}").mkdir(parents=True, exist_ok=True)
        (corpus / f"d{i // 10}/r{i:02d}.txt").write_text(text, encoding="utf-8")
    reference = tmp_path / "ref"
    assert run(str(corpus), "-o", str(reference), "-r", "-j", "2")[0] == 0
    out = tmp_path / "out"
    command = [sys.executable, "-m", "docconv", "batch", str(corpus), "-o", str(out), "-r", "-j", "2",
               "--chunk-size", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if manifest.exists() and manifest.read_text(encoding="utf-8").count("\n") >= 4:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = manifest.read_text(encoding="utf-8").count("\n")
    assert 4 <= done < 40, "the kill must land mid-run"
    for path in out.rglob("*.md"):  # whatever exists is whole: identical to the reference output
        assert path.read_bytes() == (reference / path.relative_to(out)).read_bytes()
    code, err = run(str(corpus), "-o", str(out), "-r", "-j", "2", "--resume")
    assert code == 0, err
    assert tree(out) == tree(reference)
    assert not [p for p in out.rglob("*") if p.name.endswith(".docconv-tmp")]
    assert f"{done} skipped" in err or "skipped" in err


def test_jsonl_shards_hold_one_record_per_document(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(corpus), "-o", str(out), "-r", "-t", "jsonl", "--chunk-size", "2")[0] == 0
    shards = sorted(out.glob("part-*.jsonl"))
    assert len(shards) == 3
    raw = b"".join(p.read_bytes() for p in shards)
    assert "安全生产".encode() in raw  # ensure_ascii=False
    rows = [r for p in shards for r in read_shard(p, "jsonl")]
    assert sorted(r["path"] for r in rows) == sorted(p.relative_to(corpus).as_posix()
                                                   for p in corpus.rglob("*.txt"))
    a = next(r for r in rows if r["path"] == "a.txt")
    assert a["text"] == docconv.convert(str(corpus / "a.txt"), "plain")
    assert a["date"] == "2023-12-28"
    assert a["encoding"] == "utf-8"
    assert {"level": 2, "text": "一、基本情况"} in a["outline"]
    assert a["counts"]["chars"] == len(a["text"])
    manifest = manifest_lines(out)
    assert {r["outputs"][0] for r in manifest} == {p.name for p in shards}


def test_resumed_jsonl_keeps_one_row_per_input(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(corpus), "-o", str(out), "-r", "-t", "jsonl")[0] == 0
    (corpus / "a.txt").write_text(REPORT_A.replace("八十六处", "九十处"), encoding="utf-8")
    assert run(str(corpus), "-o", str(out), "-r", "-t", "jsonl", "--resume")[0] == 0
    rows = [r for p in out.glob("part-*.jsonl") for r in read_shard(p, "jsonl")]
    assert sorted(r["path"] for r in rows) == sorted(p.relative_to(corpus).as_posix()
                                                   for p in corpus.rglob("*.txt"))
    assert "九十处" in next(r["text"] for r in rows if r["path"] == "a.txt")
    # a fresh run replaces the shards instead of adding to them
    assert run(str(corpus), "-o", str(out), "-r", "-t", "jsonl")[0] == 0
    assert len([r for p in out.glob("part-*.jsonl") for r in read_shard(p, "jsonl")]) == 5


def test_parquet_shards(corpus: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed")
    out = tmp_path / "out"
    assert run(str(corpus), "-o", str(out), "-r", "-t", "parquet")[0] == 0
    [shard] = out.glob("part-*.parquet")
    table = pq.read_table(shard)
    assert table.num_rows == 5
    assert set(table.column_names) >= {"path", "text", "title", "date", "source", "encoding", "outline",
                                       "counts"}
    assert pq.ParquetFile(shard).metadata.row_group(0).column(0).compression == "ZSTD"
    c = next(r for r in table.to_pylist() if r["path"] == "sub/deeper/c.txt")
    assert c["encoding"] == "big5" or c["encoding"].startswith("cp950")
    assert "述職" in c["title"]


def test_output_clash_missing_input_and_docx(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_text(REPORT_B, encoding="utf-8")
    (tmp_path / "in" / "x.text").write_text(REPORT_A, encoding="utf-8")
    out = tmp_path / "out"
    code, _err = run(str(tmp_path / "in"), str(tmp_path / "nowhere.txt"), "-o", str(out), "-t", "docx")
    assert code == BATCH_FAILURES_EXIT
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert sorted(e["class"] for e in errors) == ["InputNotFoundError", "OutputClashError"]
    assert {e["exit_code"] for e in errors} == {1}
    assert (out / "x.docx").read_bytes()[:2] == b"PK"


def test_command_line_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, err = run(str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "no input files found" in err
    assert run(str(tmp_path), "-o", str(tmp_path / "o"), "-t", "rtf")[0] == 22
    assert run(str(tmp_path), "-o", str(tmp_path / "o"), "--jobs", "0")[0] == 6
    assert run(str(tmp_path))[0] == 2  # -o is required
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, err = run(str(tmp_path), "-o", str(tmp_path / "file"))
    assert code == 1
    assert err.count("\n") == 1
    assert "is a file" in err


def test_sample_corpus_and_seeds(tmp_path: Path) -> None:
    inputs = [str(FIXTURES / "corpus")]
    if SEEDS_DIR.is_dir():
        inputs.append(str(SEEDS_DIR))
    out = tmp_path / "out"
    code, err = run(*inputs, "-o", str(out), "-r")
    assert code == 0, err
    sources = [p for p in (FIXTURES / "corpus").rglob("*")
               if p.suffix in DIRECTORY_EXTENSIONS and not p.name.startswith(".")]
    assert {p.suffix for p in sources} == {".txt", ".html", ".docx", ".pdf"}, "the sample corpus is missing"
    for src in sources:
        assert (out / src.relative_to(FIXTURES / "corpus")).with_suffix(".md").is_file()
    records = manifest_lines(out)
    assert len(records) == len(sources) + (5 if SEEDS_DIR.is_dir() else 0)
    assert (out / "report.json").is_file()


def test_ray_engine_writes_what_the_local_engine_writes(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="Ray is not installed (pip install 'docconv[ray]')")
    local, ray_out = tmp_path / "local", tmp_path / "ray"
    assert run(str(corpus), "-o", str(local), "-r", "-j", "2")[0] == 0
    code, err = run(str(corpus), "-o", str(ray_out), "-r", "-j", "2", "--engine", "ray")
    assert code == 0, err
    assert tree(ray_out) == tree(local)
    assert sorted(r["rel"] for r in manifest_lines(ray_out)) == sorted(r["rel"]
                                                                      for r in manifest_lines(local))


PAGE = ("两篇工作总结（共2篇）\n篇一：二〇二三年团委工作总结\n一、主要工作\n组织青年开展学习活动十二次。\n二、下步打算\n"
        "继续加强思想引领。\n篇二：二〇二三年工会工作总结\n一、主要工作\n开展职工文体活动八次。\n二、下步打算\n"
        "进一步关心职工生活。\n")


def test_split_articles_per_file_and_per_record(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    assert run(str(tmp_path / "in"), "-o", str(out), "--split-articles")[0] == 0
    assert sorted(tree(out)) == ["page-01.md", "page-02.md"]
    assert "工会" in (out / "page-02.md").read_text(encoding="utf-8")
    assert manifest_lines(out)[0]["outputs"] == ["page-01.md", "page-02.md"]
    shards = tmp_path / "jsonl"
    assert run(str(tmp_path / "in"), "-o", str(shards), "--split-articles", "-t", "jsonl")[0] == 0
    rows = [r for p in shards.glob("part-*.jsonl") for r in read_shard(p, "jsonl")]
    assert [(r["path"], r["article"]) for r in rows] == [("page.txt", 1), ("page.txt", 2)]
    assert "团委" in rows[0]["title"]
    assert "工会" in rows[1]["title"]


def test_recycled_workers_lose_nothing(corpus: Path, tmp_path: Path) -> None:
    sources = sorted(corpus.rglob("*.txt"))
    job = Job(outdir=str(tmp_path / "out"), to="markdown", options=docconv.Options(), from_format=None,
              split_articles=False, fingerprint="test")
    chunks = iter([([Task(path=str(p), rel=p.relative_to(corpus).as_posix())], None) for p in sources])
    records: list[dict[str, object]] = []
    # every worker exits after one chunk and is replaced
    run_local(chunks, job, jobs=2, timeout=None, recycle_after=1, on_record=records.append,
              new_shard=lambda: None)
    assert sorted(r["rel"] for r in records) == sorted(p.relative_to(corpus).as_posix() for p in sources)
    assert {r["status"] for r in records} == {"ok"}
    assert len(list((tmp_path / "out").rglob("*.md"))) == len(sources)


def test_two_runs_in_one_second_never_share_a_shard_name() -> None:
    from docconv.batch import _ShardNames  # noqa: PLC0415  # the naming rule itself is what is tested

    assert _ShardNames("jsonl").new() != _ShardNames("jsonl").new()
