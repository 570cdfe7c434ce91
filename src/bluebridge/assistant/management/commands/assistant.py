"""`bluebridge assistant ...`: ask the assistant, train it, load the knowledge base, benchmark.

    bluebridge assistant ask "how do I get a police report?" [--lang es] [--json]
    bluebridge assistant ask --file messages.jsonl --json
    bluebridge assistant train [--engine auto|embedding|tfidf]
    bluebridge assistant load-kb [--dir DIR] [--no-train]
    bluebridge assistant status
    bluebridge assistant benchmark ...      (see bluebridge.assistant.engine.benchmark)

`ask` runs the same pipeline as the server (safety screen, the newest trained model under
BLUEBRIDGE_DATA_DIR, the published articles in the database), loading the model once. Nothing
it does is kept: each message runs in a transaction that is rolled back, so asking from the
command line never fills the agent inbox or the safety review.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from bluebridge.assistant.services import conversation as chat
from bluebridge.assistant.services import knowledge, training
from bluebridge.servicedesk.catalogue import install_standard_catalogue
from bluebridge.servicedesk.models import ServiceCategory


class _RollBack(Exception):
    pass


def _ask_one(text: str, language: str) -> dict[str, Any]:
    """One message in a fresh conversation; the database is left as it was."""
    result: dict[str, Any] = {}
    try:
        with transaction.atomic():
            conversation = chat.find_or_start(None, language, channel="cli")
            reply = chat.handle(conversation, text, language=language)
            result = reply.as_dict()
            raise _RollBack
    except _RollBack:
        pass
    result.pop("message_id", None)
    result["conversation"] = None
    return result


class Command(BaseCommand):
    help = "Citizen assistant: ask questions, train the model, load the knowledge base, benchmark"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="action", required=True, parser_class=argparse.ArgumentParser
        )
        ask = sub.add_parser("ask", help="Ask the assistant, as the chat would")
        ask.add_argument("text", nargs="?", help="The question (or use --file)")
        ask.add_argument("--lang", default="en", choices=["en", "es"], help="Language (en)")
        ask.add_argument(
            "--file",
            type=Path,
            help='A JSON-lines file: one {"text": ..., "lang": ...} per line (\'-\' = stdin)',
        )
        ask.add_argument("--json", action="store_true", help="Print one JSON object per reply")
        train = sub.add_parser(
            "train", help="Retrain the intent engine now on the published articles"
        )
        train.add_argument("--engine", default="auto", choices=["auto", "embedding", "tfidf"])
        load = sub.add_parser(
            "load-kb", help="Install the knowledge-base files as published articles"
        )
        load.add_argument("--dir", type=Path, default=None, help="Folder of *.json files")
        load.add_argument("--no-train", action="store_true", help="Do not retrain afterwards")
        sub.add_parser("status", help="The model in use and the knowledge base's size")
        bench = sub.add_parser("benchmark", help="Benchmark the intent engine")
        benchmark: Any
        try:
            from bluebridge.assistant.engine import benchmark
        except ImportError:
            benchmark = None
        if benchmark is not None:
            benchmark.add_arguments(bench)
        self._benchmark = benchmark

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "ask":
            self._ask(options)
        elif action == "train":
            self._train(options["engine"])
        elif action == "load-kb":
            self._load(options["dir"], train=not options["no_train"])
        elif action == "status":
            self._status()
        elif action == "benchmark":
            if self._benchmark is None:
                raise CommandError(
                    "the engine benchmark (bluebridge.assistant.engine.benchmark) is not installed"
                )
            self._benchmark.run(options, cast(TextIO, self.stdout))

    # --- ask -------------------------------------------------------------------------------------

    def _ask(self, options: dict[str, Any]) -> None:
        if options["file"] is None and not options["text"]:
            raise CommandError('give a question ("TEXT") or --file MESSAGES.jsonl')
        if options["file"] is not None and options["text"]:
            raise CommandError("give either a question or --file, not both")
        try:
            training.current_engine()
        except training.NoModel as exc:
            raise CommandError(str(exc)) from exc
        if options["file"] is None:
            self._print(_ask_one(options["text"], options["lang"]), options["json"])
            return
        path: Path = options["file"]
        try:
            stream = sys.stdin if str(path) == "-" else path.open(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
        failed = 0
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                reply = self._ask_line(line, number, options["lang"])
                if "error" in reply:
                    failed += 1
                    self.stderr.write(f"line {number}: {reply['error']}")
                self._print(reply, options["json"])
        if failed:
            raise CommandError(f"{failed} line(s) could not be answered (see above)", returncode=1)

    def _ask_line(self, line: str, number: int, default_lang: str) -> dict[str, Any]:
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            return {"line": number, "error": f"not valid JSON ({exc.msg})"}
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            return {"line": number, "error": 'expected an object with a "text" string'}
        language = item.get("lang") or default_lang
        if language not in ("en", "es"):
            return {"line": number, "error": f'"lang" must be en or es, not {language!r}'}
        try:
            reply = _ask_one(item["text"], language)
        except chat.BadMessage as exc:
            return {"line": number, "error": str(exc)}
        return {"line": number, **reply}

    def _print(self, reply: dict[str, Any], as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(reply, ensure_ascii=False))
            return
        if "error" in reply:
            self.stdout.write(f"[line {reply['line']}] error: {reply['error']}")
            return
        head = reply["kind"]
        if reply.get("article_title"):
            head += f" · {reply['article_title']} ({reply['article_slug']})"
        if reply.get("confidence") is not None:
            head += f" · confidence {reply['confidence']:.2f}"
        self.stdout.write(head)
        self.stdout.write(reply["text"])
        for option in reply.get("options", []):
            self.stdout.write(f"  [{option['label']}]")

    # --- train, load, status ---------------------------------------------------------------------

    def _train(self, engine: str) -> None:
        try:
            trained = training.train(engine)
        except training.NoModel as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"trained model {trained.version}: {trained.engine} engine, {trained.articles} articles,"
            f" {trained.examples} examples, {trained.seconds:.1f} s\n  {trained.path}"
        )

    def _load(self, directory: Path | None, *, train: bool) -> None:
        if directory is not None and not directory.is_dir():
            raise CommandError(f"{directory} is not a folder")
        if not ServiceCategory.objects.exists():
            install_standard_catalogue()
            self.stdout.write("installed the standard service catalogue (units and categories)")
        result = knowledge.load_directory(directory)
        for problem in result.problems:
            self.stderr.write(f"skipped {problem}")
        self.stdout.write(
            f"{result.files} files: {result.created} articles created, {result.updated} updated,"
            f" {result.unchanged} unchanged"
        )
        if train and (result.changed or not training.versions()):
            self._train("auto")

    def _status(self) -> None:
        info = training.model_info()
        published = len(knowledge.published_articles())
        self.stdout.write(f"published articles (per language): {published}")
        if info is None:
            self.stdout.write("model: none trained yet (bluebridge assistant train)")
        else:
            self.stdout.write(
                "model: " + json.dumps({k: v for k, v in info.items() if k != "labels"})
            )
