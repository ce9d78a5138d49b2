"""Creating a round: its year, requirements and required dimensions reach the checking; bad settings are
refused with a coded Chinese message and nothing is created."""

from __future__ import annotations

from conftest import seed
from shuzhi.web.reports.upload import Incoming, ingest
from shuzhi.web.reports.worker import work_pending
from shuzhi.web.rounds.models import Membership, Round


def new_round(c, **fields):
    data = {"name": "维度测试", "year": 2023, "requirements": "", "required_dimensions": "", "config_toml": ""}
    data.update(fields)
    return c.post("/rounds/new/", data)


def test_required_dimensions_of_a_round_are_checked(world, client_for):
    c = client_for(world["users"]["root"])
    r = new_round(c, required_dimensions="学 德 能 勤 绩 责 廉 法")
    assert r.status_code == 302
    rnd = Round.objects.get(name="维度测试")
    assert Membership.objects.get(round=rnd, user=world["users"]["root"]).role == "admin"
    out = ingest(rnd, world["users"]["root"], [Incoming("周九_述职报告.txt", seed(4).read_bytes())])
    work_pending()
    msgs = list(out.versions[0].findings.filter(code="S301").values_list("message", flat=True))
    assert any("法（学法用法）" in m for m in msgs), msgs
    # The same report in a round without them: no such finding.
    plain = world["report_b"].current  # seed 4 in round B, created without required dimensions
    assert not any("法（学法用法）" in m for m in plain.findings.values_list("message", flat=True))


def test_bad_round_settings_are_refused_with_a_code(world, client_for):
    c = client_for(world["users"]["root"])
    before = Round.objects.count()
    r = new_round(c, required_dimensions="德 忠")
    assert r.status_code == 200
    assert "W110 检查设置有误：E201 未知的维度“忠”" in r.content.decode()
    r = new_round(c, config_toml="[campaign]\nsize = 3\n")
    assert r.status_code == 200 and "W110 检查设置有误：E201" in r.content.decode()
    r = new_round(c, year=1890)
    assert "年度应在 2000 到 2100 之间" in r.content.decode()
    assert Round.objects.count() == before


def test_only_a_system_administrator_creates_rounds(world, client_for):
    before = Round.objects.count()
    assert new_round(client_for(world["users"]["lead_a"])).status_code == 403
    assert Round.objects.count() == before
