"""The pages reviewers work in: a report with its findings highlighted and their evidence, filters, the round
overview (figures first), a person's reports across years with 本人往年 apart from copying from others."""

from __future__ import annotations

import re

from conftest import seed
from shuzhi.web.reports.upload import Incoming, ingest
from shuzhi.web.reports.worker import work_pending
from shuzhi.web.rounds.models import Membership, Role, Round


def cards(html: str) -> list[str]:
    return re.findall(r'<section class="finding [^"]*" id="f-([^"]+)"', html)


def test_report_page_highlights_every_finding_and_shows_its_evidence(world, client_for):
    rnd = world["a"]
    out = ingest(rnd, world["users"]["lead_a"], [Incoming("王五_述职报告.txt", seed(1).read_bytes())])
    work_pending()
    report = out.versions[0].report
    v = report.current
    html = client_for(world["users"]["rev_a"]).get(f"/rounds/{rnd.id}/reports/{report.id}/").content.decode()
    fids = list(v.findings.values_list("fid", flat=True))
    assert sorted(cards(html)) == sorted(fids)
    linked = set(re.findall(r'href="#f-([^"]+)"', html))
    with_span = {f.fid for f in v.findings.all() if f.end > f.start}
    assert with_span <= linked
    n = v.findings.filter(family="N").first()
    assert n is not None, "seed 1 has figures to recompute"
    card = html[html.index(f'id="f-{n.fid}"') :]
    card = card[: card.index("</section>")]
    assert '<dl class="evidence">' in card and "<dt>" in card
    # Plain Chinese: evidence labels are not the data's field names.
    labels = re.findall(r"<dt>([^<]+)</dt>", card)
    assert labels and not any(re.fullmatch(r"[a-z_]+", x) for x in labels)
    values = re.findall(r"<dd>([^<]+)</dd>", html)
    assert values and not any(re.fullmatch(r"[a-z][a-z_\-]*", v) for v in values)


def test_filters_narrow_the_findings(world, client_for):
    rnd, report = world["a"], world["report_a"]
    c = client_for(world["users"]["rev_a"])
    all_cards = cards(c.get(f"/rounds/{rnd.id}/reports/{report.id}/").content.decode())
    families = set(report.current.findings.values_list("family", flat=True))
    assert len(families) >= 2
    fam = sorted(families)[0]
    only = cards(c.get(f"/rounds/{rnd.id}/reports/{report.id}/?family={fam}").content.decode())
    assert set(only) == set(report.current.findings.filter(family=fam).values_list("fid", flat=True))
    assert 0 < len(only) < len(all_cards)
    fid = all_cards[0]
    c.post(
        f"/rounds/{rnd.id}/reports/{report.id}/decide/", {"fid": fid, "verdict": "confirmed", "comment": "", "rev": "0"}
    )
    assert cards(c.get(f"/rounds/{rnd.id}/reports/{report.id}/?state=confirmed").content.decode()) == [fid]
    assert fid not in cards(c.get(f"/rounds/{rnd.id}/reports/{report.id}/?state=open").content.decode())
    uid = world["users"]["rev_a"].id
    assert cards(c.get(f"/rounds/{rnd.id}/reports/{report.id}/?by={uid}").content.decode()) == [fid]


def test_overview_lists_figures_first_and_counts_open_findings(world, client_for):
    rnd = world["a"]
    ingest(rnd, world["users"]["lead_a"], [Incoming("王五_述职报告.txt", seed(1).read_bytes())])
    work_pending()
    html = client_for(world["users"]["obs_a"]).get(f"/rounds/{rnd.id}/").content.decode()
    assert "先看这些：数字对不上" in html
    assert html.index("先看这些") < html.index('id="reports"')
    # Reports with open figure findings come first in the table.
    table = html[html.index('id="reports"') :]
    assert table.index("王五") < table.index("张三")


def test_assigning_a_report_to_a_member(world, client_for):
    rnd, report = world["a"], world["report_a"]
    c = client_for(world["users"]["lead_a"])
    r = c.post(f"/rounds/{rnd.id}/reports/{report.id}/assign/", {"assignee": world["users"]["rev_a"].id})
    assert r.status_code == 302
    report.refresh_from_db()
    assert report.assignee == world["users"]["rev_a"]
    # Not a member of the round: refused.
    c.post(f"/rounds/{rnd.id}/reports/{report.id}/assign/", {"assignee": world["users"]["rev_b"].id})
    report.refresh_from_db()
    assert report.assignee == world["users"]["rev_a"]


def test_person_page_keeps_own_earlier_years_apart_from_copying_from_others(world, client_for):
    root = world["users"]["root"]
    text = seed(2).read_text(encoding="utf-8")
    earlier = Round.objects.create(name="往年轮", year=2022, created_by=root)
    Membership.objects.create(round=earlier, user=world["users"]["rev_a"], role=Role.REVIEWER)
    ingest(earlier, root, [Incoming("钱七_述职报告.txt", text.encode())])
    # This year's report reuses most of last year's; a colleague in the same round copies it too.
    ingest(world["a"], root, [Incoming("钱七_述职报告.txt", (text + "\n今年新增的工作内容。").encode())])
    ingest(world["a"], root, [Incoming("孙八_述职报告.txt", text.encode())])
    work_pending()
    report = world["a"].reports.get(person__name="钱七")
    html = client_for(world["users"]["rev_a"]).get(f"/people/{report.person_id}/").content.decode()
    assert "2022年报告" in html  # 本人往年
    row_2023 = html[html.index("<td>2023</td>") :]
    row_2023 = row_2023[: row_2023.index("</tr>")]
    assert "孙八" in row_2023 and "2022年报告" in row_2023
    assert "钱七" not in row_2023.split("2022年报告")[1]  # never listed as copying from oneself
    # A reviewer of only round B sees nothing of this person.
    assert client_for(world["users"]["rev_b"]).get(f"/people/{report.person_id}/").status_code == 404


def test_report_page_marks_a_heuristic_rule_once_with_its_precision(world, client_for):
    """Seed 4 has no 廉 and no 责 part (S301 twice, heuristic) and no shortcomings or plans part (S302, S303)."""
    from shuzhi.rules.registry import Registry

    reg = Registry.default()
    rnd = world["b"]
    report = rnd.reports.first()
    v = report.current
    codes = list(v.findings.values_list("code", flat=True))
    assert codes.count("S301") >= 2
    html = client_for(world["users"]["rev_b"]).get(f"/rounds/{rnd.id}/reports/{report.id}/").content.decode()
    assert "（启发式，请人工复核）" not in html
    hints = re.findall(r'<span class="code">(\w+)</span>[^<]*<span class="hint">（([^）]+)）</span>', html)
    heur = {c for c in codes if reg.get(c).heuristic}
    assert sorted(c for c, _ in hints) == sorted(heur)
    for code, text in hints:
        assert reg.get(code).precision.short() in text
