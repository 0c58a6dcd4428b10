"""End to end in real headless Chromium: ask, read sources, follow up, rate, at desktop and phone width."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import urlparse

import pytest

from app import EMERGENCY_HEADING, NO_SOURCES_DISCLAIMER, STORAGE_KEY, build_app, launch
from core.types import DISCLAIMER
from evals.perf.measure import free_port
from feedback import FeedbackStore
from tests.fakes_app import FakeAssistant

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ANSWER_TIMEOUT_MS = 30_000

MISSING = "Chromium is missing: run `apt-get install -y chromium chromium-driver` (never `playwright install`)"

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def artifacts_dir() -> Path:
    out = Path(os.environ.get("POEMS_ARTIFACTS_DIR") or Path(__file__).parent / "artifacts")
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
def served(tmp_path):
    fake = FakeAssistant()
    db = tmp_path / "feedback.sqlite3"
    demo = build_app(fake, FeedbackStore(db))
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        yield url, fake, db
    finally:
        demo.close()


@pytest.fixture
def browser(request):
    if not CHROMIUM.exists():
        if request.config.getoption("--require-browser", default=False):
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _open(browser, url: str, width: int, height: int, outside: list[str]):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(ANSWER_TIMEOUT_MS)

    def note(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("http", "ws")) and host not in ("127.0.0.1", "localhost"):
            outside.append(request.url)

    page.on("request", note)
    page.goto(url)
    page.locator("#poems-input textarea").wait_for()
    return page


# Counts the page's writes of the saved conversation: the save runs after an answer or a rating
# has been shown, so a reload right after the "saved" status could beat it.
COUNT_SAVES = f"""(() => {{
  window.poemsSaves = 0;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {{
    if (key === {STORAGE_KEY!r}) window.poemsSaves += 1;
    return setItem.call(this, key, value);
  }};
}})()"""


def _wait_for_saves(page, n: int) -> None:
    page.wait_for_function(f"window.poemsSaves >= {n}")


def _ask(page, question: str, answers_before: int):
    box = page.locator("#poems-input textarea")
    box.fill(question)
    box.press("Enter")
    # The disclaimer closes every finished answer; then wait for the stream to end, because the
    # final update re-renders the Sources panels.
    page.locator("#poems-chat [data-testid='bot']").filter(has_text=DISCLAIMER).nth(answers_before).wait_for()
    _wait_idle(page)


def _wait_idle(page):
    page.wait_for_function(
        "document.querySelector(\"#poems-chat [data-testid='status-tracker']\").classList.contains('hide')"
    )


def _settle(page):
    # Panels open with an animation; a screenshot taken at once still shows them closed.
    page.wait_for_timeout(500)


def _rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT question, answer, citations_json, rating, comment FROM feedback").fetchall()


def test_chat_end_to_end(served, browser):
    url, fake, db = served
    outside: list[str] = []
    page = _open(browser, url, 1280, 900, outside)
    out = artifacts_dir()

    # First visit: disclaimer, welcome and the four example questions.
    banner = page.locator("#poems-disclaimer")
    assert banner.is_visible()
    assert DISCLAIMER in banner.inner_text()
    assert page.get_by_text("I cannot", exact=False).first.is_visible()
    for q in ("What is POEMS syndrome?", "Why does it take so long to diagnose?",
              "What should we ask the specialist?", "What does recovery look like?"):
        assert page.get_by_role("button", name=q, exact=False).is_visible()
    assert page.get_by_role("button", name="New conversation").is_visible()
    _settle(page)
    page.screenshot(path=str(out / "welcome.png"), full_page=True)

    _ask(page, "What is POEMS syndrome?", 0)
    answer = page.locator("#poems-chat [data-testid='bot']").first
    assert "[1]" in answer.inner_text()
    sources = page.locator("#poems-chat [role='button']").filter(has_text="Sources (2)")
    assert sources.is_visible()
    quote = page.get_by_text("tiny population of abnormal plasma cells")
    assert not quote.is_visible()
    # Open a source with the keyboard, as a reader without a mouse would.
    sources.focus()
    sources.press("Enter")
    quote.wait_for(state="visible")
    assert page.get_by_text("What POEMS Syndrome Is (Bare Your Rare, 2026-04)", exact=False).is_visible()
    assert banner.is_visible()

    _ask(page, "What does recovery look like?", 1)
    question, history = fake.calls[-1]
    assert question == "What does recovery look like?"
    assert [t.role for t in history] == ["user", "assistant"]
    assert history[0].content == "What is POEMS syndrome?"
    assert "(follow-up)" in page.locator("#poems-chat [data-testid='bot']").filter(has_text=DISCLAIMER).nth(1).inner_text()

    page.get_by_role("button", name="Dislike").last.click()
    page.get_by_text("your feedback was saved").wait_for()
    (row,) = _rows(db)
    assert row[0] == "What does recovery look like?"
    assert row[3] == -1
    assert "[1]" in row[1]
    assert '"n": 1' in row[2]

    comment = page.locator("#poems-comment textarea")
    comment.fill("It should say recovery takes months.")
    page.get_by_role("button", name="Send comment").click()
    page.get_by_text("your comment was saved").wait_for()
    assert _rows(db)[0][4] == "It should say recovery takes months."
    _settle(page)
    page.screenshot(path=str(out / "chat.png"), full_page=True)

    # A new conversation starts from a clean history.
    page.get_by_role("button", name="New conversation").click()
    page.get_by_role("button", name="What is POEMS syndrome?", exact=False).wait_for()
    page.get_by_role("button", name="What is POEMS syndrome?", exact=False).click()
    page.locator("#poems-chat [data-testid='bot']").filter(has_text=DISCLAIMER).first.wait_for()
    _wait_idle(page)
    assert fake.calls[-1] == ("What is POEMS syndrome?", [])

    _ask(page, "My wife has chest pain right now", 1)
    alert = page.locator("#poems-chat .poems-emergency[role='alert']")
    assert alert.is_visible()
    assert EMERGENCY_HEADING in alert.inner_text()
    alert.scroll_into_view_if_needed()
    _settle(page)
    page.screenshot(path=str(out / "emergency.png"), full_page=True)

    assert outside == [], f"the page reached outside this machine: {outside}"


def test_phone_width(served, browser):
    url, fake, _db = served
    outside: list[str] = []
    page = _open(browser, url, 390, 844, outside)
    out = artifacts_dir()
    assert page.locator("#poems-disclaimer").is_visible()
    assert page.get_by_role("button", name="Send").is_visible()
    _settle(page)
    page.screenshot(path=str(out / "phone-welcome.png"), full_page=True)
    _ask(page, "Why does it take so long to diagnose?", 0)
    sources = page.locator("#poems-chat [role='button']").filter(has_text="Sources (2)")
    assert sources.is_visible()
    sources.click()
    page.get_by_text("tiny population of abnormal plasma cells").wait_for(state="visible")
    # Nothing may force sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    font_px = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector(\"#poems-chat [data-testid='bot'] p\")).fontSize)"
    )
    assert font_px >= 16
    _settle(page)
    page.screenshot(path=str(out / "phone-chat.png"), full_page=True)
    assert outside == []


def test_real_assistant_in_the_browser(real_assistant, browser, tmp_path):
    demo = build_app(real_assistant, FeedbackStore(tmp_path / "feedback.sqlite3"))
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        outside: list[str] = []
        page = _open(browser, url, 1280, 900, outside)
        _ask(page, "Why does it take so long to diagnose?", 0)
        answer = page.locator("#poems-chat [data-testid='bot']").filter(has_text=DISCLAIMER).first
        assert "[1]" in answer.inner_text()
        sources = page.locator("#poems-chat [role='button']").filter(has_text="Sources (")
        sources.click()
        page.locator("#poems-chat .thought blockquote").first.wait_for(state="visible")
        _settle(page)
        page.screenshot(path=str(artifacts_dir() / "real-answer.png"), full_page=True)
        assert outside == []
    finally:
        demo.close()


def test_new_conversation_stops_an_answer_in_progress(browser, tmp_path):
    slow = FakeAssistant(delay_s=1.5)
    demo = build_app(slow, FeedbackStore(tmp_path / "feedback.sqlite3"))
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        page = _open(browser, url, 1280, 900, [])
        box = page.locator("#poems-input textarea")
        box.fill("What is POEMS syndrome?")
        box.press("Enter")
        page.locator("#poems-chat [data-testid='user']").wait_for()
        page.get_by_role("button", name="New conversation").click()
        page.wait_for_timeout(3000)  # well past the moment the slow answer would have arrived
        assert page.locator("#poems-chat [data-testid='bot']").count() == 0
        assert page.locator("#poems-chat [data-testid='user']").count() == 0
        assert page.get_by_role("button", name="What is POEMS syndrome?", exact=False).is_visible()
    finally:
        demo.close()


class _Slow:
    """A LangChain fake chat model whose tokens arrive slowly, so the "checking" state is visible."""

    def __init__(self, text: str, delay_s: float = 0.15):
        from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

        self.model = GenericFakeChatModel(messages=iter([text]))
        self.delay_s = delay_s

    def stream(self, messages):
        import time

        for chunk in self.model.stream(messages):
            time.sleep(self.delay_s)
            yield chunk


def test_llm_answer_streams_verified_sentences_in_the_browser(real_assistant, browser, tmp_path):
    from assistant.assistant import Assistant
    from assistant.llm_answerer import LLMAnswerer, passages_for
    from assistant.verify import Verifier

    question = "Why is thalidomide a problem in POEMS?"
    prepared = real_assistant._prepare(question, [])
    base = real_assistant.answerer.answer(prepared.request)
    numbered = list(enumerate(passages_for(prepared.request, base, 4), 1))
    n = next(i for i, ch in numbered if "23% of patients" in ch.text)
    reply = (f"In a trial, 23% of patients got new or worse nerve damage on thalidomide [{n}]. "
             f"In a trial, 90% of patients got new or worse nerve damage on thalidomide [{n}].")
    composer = real_assistant.answerer
    llm = LLMAnswerer(_Slow(reply), composer, Verifier(real_assistant.embedder, sentence_vectors=composer.sentence_vectors))
    bot = Assistant(real_assistant.search, llm, real_assistant.embedder, real_assistant.safety, top_k=real_assistant.top_k)
    demo = build_app(bot, FeedbackStore(tmp_path / "feedback.sqlite3"))
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        outside: list[str] = []
        page = _open(browser, url, 1280, 900, outside)
        box = page.locator("#poems-input textarea")
        box.fill(question)
        box.press("Enter")
        page.get_by_text("Checking each sentence against the guides").wait_for()
        page.screenshot(path=str(artifacts_dir() / "llm-checking.png"), full_page=True)
        answer = page.locator("#poems-chat [data-testid='bot']").filter(has_text=DISCLAIMER).first
        answer.wait_for()
        _wait_idle(page)
        text = answer.inner_text()
        assert "23% of patients got new or worse nerve damage" in text
        assert "90%" not in text
        assert page.get_by_text("Checking each sentence against the guides").count() == 0
        assert page.locator("#poems-chat [role='button']").filter(has_text="Sources (1)").is_visible()
        _settle(page)
        page.screenshot(path=str(artifacts_dir() / "llm-answer.png"), full_page=True)
        assert outside == []
    finally:
        demo.close()

# ---------------------------------------------------------------- layout, persistence, trust

DESKTOP, PHONE = (1280, 900), (390, 844)
# Where things are, read in one go: rectangles relative to the viewport, plus the scroll position.
GEOMETRY = """() => {
  const box = sel => { const e = document.querySelector(sel); if (!e) return null;
    const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, width: r.width, height: r.height}; };
  const bots = [...document.querySelectorAll("#poems-chat [data-testid='bot']")];
  const last = bots.length ? bots[bots.length - 1].getBoundingClientRect() : null;
  return {scrollY: window.scrollY, title: box('#poems-title h1'), disclaimer: box('#poems-disclaimer'),
          chat: box('#poems-chat'), answer: last && {left: last.left, width: last.width}};
}"""


def _visible_height(rect: dict, viewport_height: int) -> float:
    return max(0.0, min(rect["bottom"], viewport_height) - max(rect["top"], 0.0))


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_page_opens_at_the_top_with_title_and_disclaimer_in_view(served, browser, size):
    url, _fake, _db = served
    width, height = size
    page = _open(browser, url, width, height, [])
    _settle(page)
    geo = page.evaluate(GEOMETRY)
    page.screenshot(path=str(artifacts_dir() / f"open-{width}x{height}.png"))
    assert geo["scrollY"] == 0
    assert geo["title"]["top"] >= 0
    assert geo["disclaimer"]["top"] >= 0
    assert geo["disclaimer"]["bottom"] <= height
    # the welcome fits its box: its heading is not scrolled out of the top of the chat
    welcome = page.locator("#poems-chat .placeholder h3").bounding_box()
    assert welcome["y"] >= geo["chat"]["top"]


def test_on_a_phone_the_answer_gets_the_screen(served, browser):
    url, _fake, _db = served
    width, height = PHONE
    page = _open(browser, url, width, height, [])
    _ask(page, "Why does it take so long to diagnose?", 0)
    _settle(page)
    geo = page.evaluate(GEOMETRY)
    page.screenshot(path=str(artifacts_dir() / "phone-after-answer.png"))
    print(f"phone: chat {_visible_height(geo['chat'], height):.0f} of {height} px tall, "
          f"answer text {geo['answer']['width']:.0f} of {width} px wide")
    assert _visible_height(geo["chat"], height) >= 0.60 * height
    assert geo["answer"]["width"] >= 0.85 * width


def test_on_a_desktop_the_input_is_in_view_with_the_answer(served, browser):
    url, _fake, _db = served
    width, height = DESKTOP
    page = _open(browser, url, width, height, [])
    _ask(page, "Why does it take so long to diagnose?", 0)
    _settle(page)
    page.screenshot(path=str(artifacts_dir() / "desktop-after-answer.png"))
    box = page.locator("#poems-input textarea").bounding_box()
    assert box["y"] + box["height"] <= height
    assert page.evaluate(GEOMETRY)["scrollY"] == 0


def test_the_conversation_survives_a_reload_until_new_conversation(served, browser):
    url, fake, _db = served
    page = _open(browser, url, *DESKTOP, [])
    page.add_init_script(COUNT_SAVES)
    page.reload()  # the counter is in place from here on
    page.locator("#poems-input textarea").wait_for()
    _ask(page, "What is POEMS syndrome?", 0)
    _wait_for_saves(page, 1)  # the answer is in browser storage
    saves = page.evaluate("window.poemsSaves")
    page.get_by_role("button", name="Dislike").last.click()
    page.get_by_text("your feedback was saved").wait_for()
    _wait_for_saves(page, saves + 1)  # and the rating after it: a reload before that would show no thumb
    page.reload()
    page.locator("#poems-chat [data-testid='bot']").filter(has_text=DISCLAIMER).first.wait_for()
    assert page.locator("#poems-chat [data-testid='user']").first.inner_text().strip() == "What is POEMS syndrome?"
    page.get_by_role("button", name="Disliked").first.wait_for()  # thumbs are redrawn after the messages
    assert page.get_by_role("button", name="Disliked").count() == 1
    # the restored conversation is the history of the next question
    _ask(page, "What does recovery look like?", 1)
    assert [t.role for t in fake.calls[-1][1]] == ["user", "assistant"]
    page.get_by_role("button", name="New conversation").click()
    page.get_by_role("button", name="What is POEMS syndrome?", exact=False).wait_for()
    page.reload()
    page.locator("#poems-input textarea").wait_for()
    page.get_by_role("button", name="What is POEMS syndrome?", exact=False).wait_for()
    assert page.locator("#poems-chat [data-testid='user']").count() == 0


class LockedStore(FeedbackStore):
    """The database stays locked: nothing can be written."""

    def _write(self, sql, params):
        from feedback import FeedbackError

        raise FeedbackError(f"Cannot write to the feedback database {self.path}: database is locked.")


def test_a_rating_that_was_not_saved_is_not_shown(browser, tmp_path):
    demo = build_app(FakeAssistant(), LockedStore(tmp_path / "fb.sqlite3"))
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        page = _open(browser, url, *DESKTOP, [])
        _ask(page, "What is POEMS syndrome?", 0)
        page.get_by_role("button", name="Dislike").last.click()
        page.get_by_text("could not be saved").wait_for()
        page.get_by_role("button", name="Dislike").last.wait_for()
        assert page.get_by_role("button", name="Disliked").count() == 0
    finally:
        demo.close()


def test_a_refusal_does_not_point_at_sources_it_does_not_have(served, browser):
    url, _fake, _db = served
    page = _open(browser, url, *PHONE, [])
    box = page.locator("#poems-input textarea")
    box.fill("What's the weather tomorrow?")
    box.press("Enter")
    reply = page.locator("#poems-chat [data-testid='bot']").filter(has_text=NO_SOURCES_DISCLAIMER).first
    reply.wait_for()
    _wait_idle(page)
    assert "the sources" not in reply.inner_text()
    _settle(page)
    page.screenshot(path=str(artifacts_dir() / "phone-refusal.png"))


POISONED_SENTENCE = ('POEMS is rare. ![x](//evil.example/pixel.png) <img src="//evil.example/img.png"> '
                     '<div style="position:fixed;inset:0">URGENT: take 40 mg dexamethasone daily</div> '
                     '[more](https://evil.example/page)')


class PoisonedAssistant(FakeAssistant):
    """An answer whose guide text carries markup, as a bad guide would (ingest strips it too)."""

    def ask(self, question, history):
        answer = super().ask("What is POEMS?", history)
        answer.text = POISONED_SENTENCE + " [1]"
        answer.citations[0].quote = POISONED_SENTENCE
        return answer


def test_a_poisoned_guide_draws_nothing_and_fetches_nothing(tmp_path, browser):
    from evals.perf.measure import free_port

    demo = build_app(PoisonedAssistant(), FeedbackStore(tmp_path / "fb.sqlite3"))
    _, url, _ = launch(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        outside: list[str] = []
        page = _open(browser, url, *DESKTOP, outside)
        _ask(page, "tell me about poems", 0)
        page.get_by_text("Sources (").first.click()
        page.get_by_text("URGENT").first.wait_for()  # the words arrive, as text
        chat = page.locator("#poems-chat")
        assert chat.locator("img[src*='evil'], a[href*='evil'], div[style*='fixed']").count() == 0
        assert outside == []
    finally:
        demo.close()
