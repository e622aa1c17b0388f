"""The explorer at /: a page for people, served with a strict policy, light, accessible, and working in a real
browser (Debian's chromium, driven by Playwright, with every other origin unreachable). The browser tests are
marked slow; they save screenshots to tests/artifacts/."""

import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx2
import pytest
from starlette.testclient import TestClient

from app.routers.explorer import ASSETS, CSP
from tests.helpers import CHROMIUM, OFFLINE_CHROMIUM_ARGS, ROOT

EXPLORER = ROOT / "app" / "explorer"
ARTIFACTS = Path(__file__).parent / "artifacts"
NPM = shutil.which("npm")
BUDGET_BYTES = 100_000
FIRST_RENDER_MS = 1000
MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
IMPORT = re.compile(r"""^import\s[^;]*?from\s+"\./([^"]+)";""", re.MULTILINE)
# The questions of the issue, each with the division today's ranker puts first.
QUESTIONS = [
    ("高新技术企业认定", "科技企业服务处"),
    ("外国专家来辽工作", "外国专家与国际合作处"),
    ("科研诚信", "政策法规与监督处"),
    ("众创空间", "成果转化与奖励处"),
    ("国家自然科学基金", "科技人才与自然科学基金处"),
]


class PageParts(HTMLParser):
    """What an HTML page holds that matters for its policy: scripts, styles, attributes and URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.styles = 0
        self.inline_script_text = ""
        self.style_attributes: list[str] = []
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.root_lang: str | None = None
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.root_lang = attributes.get("lang")
        if tag == "script":
            self.scripts.append(attributes)
            self._in_script = True
        if tag == "style":
            self.styles += 1
        for name, value in attrs:
            if name == "style":
                self.style_attributes.append(f"<{tag} style={value!r}>")
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in ("src", "href", "action") and value is not None:
                self.urls.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_script_text += data.strip()


def page_parts(html: str) -> PageParts:
    parts = PageParts()
    parts.feed(html)
    return parts


def module_imports(name: str) -> list[str]:
    """The sibling modules one explorer module imports."""
    return IMPORT.findall((EXPLORER / name).read_text(encoding="utf-8"))


# --- The page and its assets, in process ----------------------------------------------------------------


def test_root_serves_the_explorer_with_a_strict_policy(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    policy = response.headers["content-security-policy"]
    assert policy == CSP
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["connect-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert page_parts(response.text).root_lang == "zh-CN"


def test_query_views_are_the_same_page(client: TestClient) -> None:
    page = client.get("/").content
    for query in ("?q=科研诚信", "?division=14", "?lang=en", "?q=x&division=人事处&lang=en"):
        response = client.get("/" + query)
        assert response.status_code == 200 and response.content == page
        assert response.headers["content-security-policy"] == CSP


def test_the_docs_keep_their_own_policy(client: TestClient) -> None:
    policy = client.get("/docs").headers["content-security-policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy and policy != CSP


def test_the_page_has_no_inline_script_or_style_and_names_no_external_url(client: TestClient) -> None:
    html = client.get("/").text
    parts = page_parts(html)
    assert parts.scripts, "the page loads no script"
    assert all(script.get("src") for script in parts.scripts), "every script is a file"
    assert all(script.get("type") == "module" for script in parts.scripts)
    assert parts.inline_script_text == ""
    assert parts.styles == 0 and parts.style_attributes == [] and parts.handlers == []
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assert all(url.startswith(("/", "#")) and not url.startswith("//") for url in parts.urls), parts.urls


def test_every_asset_the_page_names_answers_with_its_type(client: TestClient) -> None:
    named = {url for url in page_parts(client.get("/").text).urls if url.startswith("/explorer/")}
    assert "/explorer/main.js" in named and "/explorer/explorer.css" in named
    for url in named | {f"/explorer/{name}" for name in ASSETS}:
        response = client.get(url)
        assert response.status_code == 200, url
        suffix = url[url.rindex(".") :]
        assert response.headers["content-type"].startswith(MEDIA_TYPES[suffix]), url
        assert response.content


def test_every_module_is_served_and_preloaded(client: TestClient) -> None:
    preloaded = set(re.findall(r'<link rel="modulepreload" href="/explorer/([^"]+)">', client.get("/").text))
    reachable, pending = set(), ["main.js"]
    while pending:
        name = pending.pop()
        if name not in reachable:
            reachable.add(name)
            pending.extend(module_imports(name))
    assert reachable <= set(ASSETS)
    assert reachable - {"main.js"} == preloaded, "preload every module main.js reaches, and only those"
    assert {name for name in ASSETS if name.endswith(".js")} == reachable, "every allowed script is used"


def test_the_scripts_call_only_the_public_api() -> None:
    for path in EXPLORER.glob("*.js"):
        source = path.read_text(encoding="utf-8")
        assert "http://" not in source and "https://" not in source, path.name
        assert ".innerHTML" not in source and "eval(" not in source and "new Function" not in source, path.name
        if path.name != "api.js":
            assert "fetch(" not in source, f"{path.name}: only api.js calls the API"
    api = (EXPLORER / "api.js").read_text(encoding="utf-8")
    assert set(re.findall(r'get\("(/[^"]*)"', api)) <= {
        "/v1",
        "/v1/divisions",
        "/v1/search/divisions",
        "/v1/duties",
        "/v1/matrix",
        "/v1/transformation",
        "/v1/changes",
        "/v1/leaders",
        "/v1/honours",
    }


@pytest.mark.parametrize("name", ["index.html", "main.py", "..%2F..%2Fmain.py", "types.ts", "main.js.map", "explorer"])
def test_unknown_assets_are_404_problems(client: TestClient, name: str) -> None:
    response = client.get(f"/explorer/{name}")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_page_and_assets_fit_the_budget_compressed(client: TestClient) -> None:
    total = 0
    for url in ["/", *(f"/explorer/{name}" for name in ASSETS)]:
        response = client.get(url, headers={"Accept-Encoding": "br"})
        assert response.status_code == 200, url
        if len(response.content) >= 1024 and not response.headers["content-type"].startswith("image/"):
            assert response.headers.get("content-encoding") == "br", url
        total += int(response.headers["content-length"])
    assert total < BUDGET_BYTES, f"{total} bytes compressed"


def test_the_page_ships_no_font_and_no_image_file() -> None:
    names = {path.name for path in EXPLORER.iterdir()}
    assert not {name for name in names if name.endswith((".woff", ".woff2", ".ttf", ".otf", ".png", ".jpg", ".gif", ".webp"))}
    css = (EXPLORER / "explorer.css").read_text(encoding="utf-8")
    assert "@font-face" not in css and "@import" not in css and "url(" not in css


# --- Type checking and tools from npm ----------------------------------------------------------------


@pytest.fixture(scope="session")
def node_tools() -> Path:
    """node_modules, installed from package-lock.json when it lacks typescript or axe-core."""
    if NPM is None:
        pytest.skip("node and npm are not installed; the explorer's npm checks run where they are")
    modules = ROOT / "node_modules"
    if not (modules / ".bin" / "tsc").exists() or not (modules / "axe-core" / "axe.min.js").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, capture_output=True, timeout=300)
    return modules


@pytest.mark.npm
def test_the_scripts_type_check_against_the_committed_types(node_tools: Path) -> None:
    done = subprocess.run(
        [str(node_tools / ".bin" / "tsc"), "-p", "tsconfig.explorer.json"], cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stdout + done.stderr
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"5\.\d+\.\d+", package["devDependencies"]["typescript"]), "typescript 5, pinned exactly"
    assert package["scripts"]["check:explorer"] == "tsc -p tsconfig.explorer.json"


# --- In a real browser ---------------------------------------------------------------------------------


class Visit:
    """One browser tab on the explorer, recording console errors and every request that left 127.0.0.1."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", self._request)

    def _request(self, request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "about", "blob") and parts.hostname != "127.0.0.1":
            self.elsewhere.append(request.url)

    def open(self, path: str) -> None:
        """Load a view and wait until every section has its data."""
        self.page.goto(self.base + path)
        self.page.wait_for_selector("html[data-loaded]")

    def answer_to(self, question: str) -> Any:
        """The answers list once it shows the answer to this question."""
        return self.page.wait_for_selector(f'#answers ol.answers[data-q="{question}"]')

    def first_answer(self, question: str) -> str:
        self.answer_to(question)
        text: str = self.page.inner_text("#answers .answer:first-child .answer-name")
        return text

    def check_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.elsewhere == [], self.elsewhere


# Module scope: Playwright's sync API keeps an event loop running in this thread until it stops, and later modules
# (tests/test_serving.py) call asyncio.run().
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, unable to reach any host but 127.0.0.1 (never a downloaded browser)."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def visit(browser: Any, server: str) -> Iterator[Callable[..., Visit]]:
    """Open tabs in fresh contexts (desktop by default); each is checked for console errors and other origins."""
    contexts: list[Any] = []
    visits: list[Visit] = []

    def open_tab(width: int = 1280, height: int = 900, **options: Any) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        tab = Visit(context.new_page(), server)
        visits.append(tab)
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    for tab in visits:
        tab.check_clean()


def save(tab: Visit, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / f"explorer-{name}.png"), full_page=True)


@pytest.mark.browser
def test_loads_offline_with_no_console_error_and_draws_the_chart_within_a_second(visit: Callable[..., Visit]) -> None:
    tab = visit()
    tab.open("/")
    assert tab.page.locator(".org-divisions .node").count() == 14
    timing = tab.page.evaluate(
        """() => {
          const chart = performance.getEntriesByName("explorer:chart")[0];
          const navigation = performance.getEntriesByType("navigation")[0];
          return {chart: chart.startTime, ready: navigation.domContentLoadedEventStart};
        }"""
    )
    assert timing["chart"] - timing["ready"] < FIRST_RENDER_MS, timing
    assert timing["chart"] < FIRST_RENDER_MS, timing
    assert tab.page.locator("#dataset-version").inner_text() == httpx2.get(tab.base + "/v1").json()["dataset"]["version"]
    for section in ("organisation", "matrix", "duties", "transformation", "leaders", "regulation", "honours", "address"):
        assert tab.page.locator(f"#{section} h2").count() == 1, section
    tab.check_clean()


@pytest.mark.browser
def test_typing_five_questions_gives_the_expected_first_division(visit: Callable[..., Visit]) -> None:
    tab = visit()
    tab.open("/")
    box = tab.page.get_by_role("searchbox", name="谁负责…？")
    for question, division in QUESTIONS:
        box.fill("")
        box.press_sequentially(question, delay=30)
        assert division in tab.first_answer(question), question
        first = tab.page.locator("#answers .answer").first
        assert first.locator("mark").count() >= 1, "the evidence shows the matched characters"
        assert first.locator(".reason").inner_text().strip()
        assert tab.page.url.endswith("/?q=" + quote(question)), "the URL is the link to share"
    assert tab.page.locator("#answers").get_attribute("aria-live") == "polite"


@pytest.mark.browser
def test_a_question_link_opens_with_its_answer_and_back_returns_to_it(visit: Callable[..., Visit]) -> None:
    tab = visit()
    tab.open("/?q=" + quote("科研诚信"))
    assert "政策法规与监督处" in tab.first_answer("科研诚信")
    assert tab.page.input_value("#ask-input") == "科研诚信"
    tab.page.fill("#ask-input", "众创空间")
    assert "成果转化与奖励处" in tab.first_answer("众创空间")
    tab.page.wait_for_url("**/?q=" + quote("众创空间"))
    tab.page.go_back()
    tab.page.wait_for_url("**/?q=" + quote("科研诚信"))
    assert "政策法规与监督处" in tab.first_answer("科研诚信")
    assert tab.page.input_value("#ask-input") == "科研诚信"


@pytest.mark.browser
def test_english_shows_the_editorial_translation_marked_as_such(visit: Callable[..., Visit]) -> None:
    tab = visit()
    tab.open("/?lang=en")
    assert tab.page.get_attribute("html", "lang") == "en"
    node = tab.page.locator('.node[data-division="11"]')
    english = node.locator(".ed-text[lang=en]")
    assert english.inner_text() == "Science and Technology Enterprise Services Division"
    assert node.locator("[lang=zh-CN]", has_text="科技企业服务处").count() == 1, "the official name stays beside it"
    assert tab.page.locator(".tag-ed", has_text="Editorial").first.is_visible()
    assert tab.page.get_by_role("searchbox", name="Who is responsible for…?").is_visible()
    assert tab.page.locator("#lang-switch a[aria-current]").inner_text() == "English"
    tab.page.click("#lang-switch a[hreflang=zh-CN]")
    tab.page.wait_for_url(tab.base + "/")
    assert tab.page.get_attribute("html", "lang") == "zh-CN"
    assert tab.page.locator('.node[data-division="11"] .ed-text').count() == 0


@pytest.mark.browser
def test_a_division_card_opens_from_the_chart_by_keyboard_and_reloads_to_itself(visit: Callable[..., Visit]) -> None:
    tab = visit()
    tab.open("/")
    tab.page.focus('.node[data-division="14"]')
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url("**/?division=14")
    card = tab.page.locator("#card")
    assert card.is_visible()
    assert "机关党委办公室" in tab.page.inner_text("#card-title")
    assert tab.page.evaluate("document.activeElement.id") == "card-title", "focus moves to the card"
    assert "人事处" in card.inner_text() and "合署办公" in card.inner_text()
    assert card.locator(".mandate li").count() == 1
    tab.page.reload()
    tab.page.wait_for_selector("html[data-loaded]")
    assert "机关党委办公室" in tab.page.inner_text("#card-title")
    assert tab.page.locator('.node[data-division="14"][aria-current="true"]').count() == 1
    tab.page.go_back()
    tab.page.wait_for_url(tab.base + "/")
    assert card.is_hidden()
    tab.open("/?division=" + quote("人事处"))
    assert "机关党委办公室" in tab.page.inner_text("#card-title"), "any key the API takes opens the card"


@pytest.mark.browser
def test_the_chart_names_other_names_and_the_merged_office(visit: Callable[..., Visit]) -> None:
    tab = visit()
    tab.open("/")
    office = tab.page.locator('.node[data-division="1"]').inner_text()
    assert "行政审批处" in office
    personnel = tab.page.locator('.node[data-division="14"]').inner_text()
    assert "人事处" in personnel and "合署办公" in personnel


@pytest.mark.browser
def test_a_matrix_cell_shows_its_evidence_on_focus_and_hover(visit: Callable[..., Visit]) -> None:
    tab = visit()
    tab.open("/")
    cells = tab.page.locator("button.cell")
    assert cells.count() > 20
    first = cells.first
    assert first.get_attribute("aria-describedby") == "matrix-detail"
    first.focus()
    detail = tab.page.locator("#matrix-detail")
    assert detail.locator(".detail-items li").count() == int(first.inner_text())
    before = detail.inner_text()
    cells.last.hover()
    assert detail.inner_text() != before


@pytest.mark.browser
def test_honours_keep_their_status_as_printed(visit: Callable[..., Visit]) -> None:
    tab = visit()
    tab.open("/")
    honours = tab.page.locator("#honours").inner_text()
    assert "拟表彰" in honours and "拟被推荐" in honours
    assert "不是已授予" in honours
    assert "引智与外国专家服务处" in honours and "不是现有内设机构的名称" in honours
    assert "2024年6月" in tab.page.locator("#leaders").inner_text()
    assert "2019年6月10日" in tab.page.locator("#regulation").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_serious_or_critical_violation(visit: Callable[..., Visit], node_tools: Path, lang: str, width: int) -> None:
    # bypass_csp only here: Playwright adds axe-core as an inline <script>, which the page's policy
    # (script-src 'self') rightly refuses. Every other browser test runs under the real policy.
    tab = visit(width, 900, bypass_csp=True)
    suffix = "&lang=en" if lang == "en" else ""
    for view in ("/?" + suffix.lstrip("&"), "/?q=" + quote("科研诚信") + suffix, "/?division=14" + suffix):
        tab.open(view)
        if "q=" in view:
            tab.answer_to("科研诚信")
        tab.page.add_script_tag(path=str(node_tools / "axe-core" / "axe.min.js"))
        results = tab.page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        serious = [
            f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:5]}"
            for violation in results
            if violation["impact"] in ("serious", "critical")
        ]
        assert serious == [], f"{view}: {serious}"


@pytest.mark.browser
@pytest.mark.parametrize(("device", "width", "height"), [("desktop", 1280, 900), ("phone", 390, 844)])
def test_screenshots_in_chinese_and_english(visit: Callable[..., Visit], device: str, width: int, height: int) -> None:
    tab = visit(width, height)
    for lang, suffix in (("zh", ""), ("en", "&lang=en")):
        for view, path in (("home", "/?" + suffix.lstrip("&")), ("answer", "/?q=" + quote("高新技术企业认定") + suffix)):
            tab.open(path)
            if view == "answer":
                tab.answer_to("高新技术企业认定")
            overflow = tab.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{device} {lang} {view}: the page is {overflow}px wider than the screen"
            save(tab, f"{device}-{lang}-{view}")
        tab.open("/?division=11" + suffix)
        tab.page.wait_for_timeout(100)
        tab.page.screenshot(path=str(ARTIFACTS / f"explorer-{device}-{lang}-card.png"))


@pytest.mark.browser
def test_fields_the_api_is_gaining_are_shown_when_present(visit: Callable[..., Visit]) -> None:
    """Confidence and editorial English are coming to the API: served here by rewriting today's answers."""
    tab = visit()

    def rewrite(change: Callable[[Any], None]) -> Callable[[Any], None]:
        def handler(route: Any) -> None:
            response = route.fetch()
            body = response.json()
            change(body)
            route.fulfill(response=response, json=body)

        return handler

    def hits(page: Any) -> None:
        for item in page["items"]:
            item["search"]["confidence"] = "high"
            for mandate in item["mandate"]:
                mandate["editorial"] = {"text_en": f"Mandate item {mandate['id']} in English"}

    def duties(page: Any) -> None:
        for duty in page["items"]:
            duty["editorial"]["text_en"] = f"Main duty {duty['n']} in English"

    def transformation(body: Any) -> None:
        body["editorial"] = {"sentences_en": [f"Sentence {k + 1} in English" for k in range(len(body["sentences"]))]}

    tab.page.route(re.compile(r"/v1/search/divisions\?.*\bq="), rewrite(hits))
    tab.page.route(re.compile(r"/v1/duties\?"), rewrite(duties))
    tab.page.route(re.compile(r"/v1/transformation$"), rewrite(transformation))
    tab.open("/?q=" + quote("科研诚信") + "&lang=en")
    tab.answer_to("科研诚信")
    first = tab.page.locator("#answers .answer").first
    assert first.locator(".badge").inner_text() == "Confidence: high"
    assert "Mandate item policy-regulation-supervision.6 in English" in first.locator(".evidence .ed-text").inner_text()
    duty = tab.page.locator("#duty-9")
    assert "Main duty 9 in English" in duty.locator(".pair > .ed-text").inner_text()
    assert "统筹科研诚信建设" in duty.locator(".pair > .official").inner_text(), "the official text stays"
    assert tab.page.locator("#transformation .ed-text").first.inner_text().endswith("Sentence 1 in English")
    assert tab.page.locator("#transformation .tag-ed").count() == 1
    tab.page.click("#lang-switch a[hreflang=zh-CN]")
    tab.answer_to("科研诚信")
    assert tab.page.locator("#answers .answer .badge").first.inner_text() == "把握：高"
    assert tab.page.locator("#duty-9 .ed-text").count() == 0, "Chinese shows the official text only"


OUT_OF_REMIT = "护照到期了怎么换发"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "first", "beside"),
    [("zh", "公安机关出入境管理部门", "public security organs"), ("en", "public security organs", "公安机关出入境管理部门")],
)
def test_a_matter_of_another_agency_shows_its_referral_in_the_pages_language(
    visit: Callable[..., Visit], lang: str, first: str, beside: str
) -> None:
    tab = visit()
    tab.open("/?q=" + quote(OUT_OF_REMIT) + ("&lang=en" if lang == "en" else ""))
    referral = tab.page.wait_for_selector(f'#answers [data-q="{OUT_OF_REMIT}"] .referral')
    assert first in referral.query_selector("strong").inner_text()
    assert beside in referral.inner_text(), "the agency's name in the other language stands beside it"
    assert referral.query_selector(".tag-ed") is not None, "the referral is marked editorial"
    level = referral.query_selector(".referral-level").inner_text()
    assert level == ("层级：市级" if lang == "zh" else "Level: city")


@pytest.mark.browser
def test_reasons_are_written_in_the_pages_language(visit: Callable[..., Visit]) -> None:
    tab = visit()
    for question in ("高新技术企业认定", "量子引力波", "高企", "科技特派元"):
        tab.open("/?q=" + quote(question))
        tab.answer_to(question)
        for reason in tab.page.locator("#answers .reason").all_inner_texts():
            assert not re.search(r"subject|partial|terms|pairs|abbreviation|spelling|item|exact|[a-z]+-[a-z]+\.\d", reason), (
                reason
            )
    assert "按同音的“科技特派员”检索" in tab.page.locator("#answers .reason").first.inner_text()
    for question in ("高新技术企业认定", "high-tech enterprise certification"):
        tab.open("/?q=" + quote(question) + "&lang=en")
        tab.answer_to(question)
        reason = tab.page.locator("#answers .reason").first.inner_text()
        assert "subject “high-tech enterprise certification” (高新技术企业认定)" in reason, reason
        division = "Science and Technology Enterprise Services Division (科技企业服务处)"
        assert f"→ {division} (item enterprise-services.2" in reason, reason
    patent = "我想申请专利,科技厅能帮忙吗"  # another agency's matter, with a division touched in part
    tab.open("/?q=" + quote(patent) + "&lang=en")
    tab.answer_to(patent)
    reasons = tab.page.locator("#answers .reason").all_inner_texts()
    assert reasons and all(not re.search(r"[\u4e00-\u9fff]", re.sub(r"\([^()]*\)", "", r)) for r in reasons), (
        "in English, Chinese stands only in brackets beside its English"
    )


@pytest.mark.browser
def test_english_translates_the_matrix_headings_beside_the_official_names(visit: Callable[..., Visit]) -> None:
    tab = visit()
    tab.open("/?lang=en")
    heads = tab.page.locator("#matrix .col-head")
    assert heads.count() == 14
    assert heads.nth(10).locator(".col-name-en[lang=en]").inner_text() == "Science and Technology Enterprise Services Division"
    assert heads.nth(10).locator(".col-name[lang=zh-CN]").inner_text() == "科技企业服务处"
    assert tab.page.locator("#matrix h2").inner_text().startswith("Main duties × divisions")


@pytest.mark.browser
@pytest.mark.parametrize("section", ["matrix", "duties", "honours"])
def test_a_deep_link_opens_at_its_section(visit: Callable[..., Visit], section: str) -> None:
    tab = visit(390, 844)
    tab.open(f"/#{section}")
    tab.page.wait_for_function(f"Math.abs(document.getElementById('{section}').getBoundingClientRect().top) < 2")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_number_wraps_on_a_phone(visit: Callable[..., Visit], lang: str) -> None:
    tab = visit(390, 844)
    tab.open("/?q=" + quote("高新技术企业认定") + ("&lang=en" if lang == "en" else ""))
    tab.answer_to("高新技术企业认定")
    broken = tab.page.evaluate(
        """() => [...document.querySelectorAll('.col-n, .score, .label, .badge, .cell, .swatch')]
              .filter((element) => /\\d/.test(element.textContent) && element.getClientRects().length > 0)
              .filter((element) => {
                const range = document.createRange();
                range.selectNodeContents(element);
                const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
                return lines.size > 1;
              })
              .map((element) => element.textContent)"""
    )
    assert broken == []


@pytest.mark.browser
@pytest.mark.parametrize(("device", "width", "height"), [("desktop", 1280, 900), ("phone", 390, 844)])
def test_screenshots_of_an_answer_and_a_referral(visit: Callable[..., Visit], device: str, width: int, height: int) -> None:
    tab = visit(width, height)
    for lang, suffix in (("zh", ""), ("en", "&lang=en")):
        for view, question in (("in-remit", "高新技术企业认定"), ("out-of-remit", OUT_OF_REMIT)):
            tab.open("/?q=" + quote(question) + suffix)
            tab.page.wait_for_selector(f'#answers [data-q="{question}"]')
            overflow = tab.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{device} {lang} {view}: the page is {overflow}px wider than the screen"
            ARTIFACTS.mkdir(exist_ok=True)
            tab.page.locator("#answers").screenshot(path=str(ARTIFACTS / f"explorer-{device}-{lang}-{view}.png"))


@pytest.mark.browser
def test_chinese_shows_no_english_sentence_and_english_translates_every_heading(visit: Callable[..., Visit]) -> None:
    tab = visit()
    tab.open("/?q=" + quote("高新技术企业认定"))
    tab.answer_to("高新技术企业认定")
    sentences = re.findall(r"[A-Za-z][A-Za-z ,.'()-]{12,}", tab.page.inner_text("main"))
    assert sentences == []
    tab.open("/?division=11&lang=en")
    headings = tab.page.locator("main h2, main h3").all_inner_texts()
    assert headings and all(re.search(r"[A-Za-z]", heading) for heading in headings), headings


@pytest.mark.browser
def test_divisions_listed_under_a_decisive_referral_are_headed_as_touched_in_part(visit: Callable[..., Visit]) -> None:
    tab = visit()
    for question, heading in (("辽宁省社会科学规划基金", "部分相关"), ("高新技术企业认定", "负责处室")):
        tab.open("/?q=" + quote(question))
        tab.page.wait_for_selector(f'#answers [data-q="{question}"]')
        assert heading in tab.page.inner_text("#answers .answers-for")
