// The auditor's judgement of one shipment, without files, a database or a binary: a hand-made
// index, an item resolver and the bundled rule pack. Each case states what the regulation (or the
// list entry) answers on that day; the boundaries are checked on both sides.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "chokepoint/json.h"
#include "chokepoint/rules.h"
#include "chokepoint/shipment_audit.h"
#include "engine/screen/screen_fixtures.h"
#include "testutil.h"

namespace chokepoint {
namespace {

std::shared_ptr<const RulePack> Pack() {
  static auto pack = RulePack::Load(testing::SourcePath("rules/ear"));
  REQUIRE_MESSAGE(pack.ok(), pack.status().ToString());
  return *pack;
}

Rational R(const char* text) { return *Rational::Parse(text); }

// An H100-class datacenter chip: TPP 15832 >= 4800, so 3A090.a from 2022-10-21 (AC/S text from
// 2023-11-17).
ItemSpec BigChip() {
  ItemSpec item;
  item.name = "Test accelerator";
  item.tpp = R("15832");
  item.die_area_mm2 = R("814");
  item.non_planar = true;
  item.datacenter = true;
  item.memory_bandwidth_gbps = R("3350");
  return item;
}

Result<ResolvedItem> Resolve(std::string_view item) {
  if (item == "big-chip") return ResolvedItem{BigChip(), ""};
  if (item.rfind("eccn:", 0) == 0) return ResolvedItem{std::nullopt, std::string(item.substr(5))};
  return Status::NotFound("no part named '" + std::string(item) + "'");
}

std::shared_ptr<const ScreeningIndex> Index() {
  ScreeningIndex::Builder builder;
  builder.Add(screen_test::Nudt(), 7);  // Entity List from 2015-02-18
  ListEntry sdn = screen_test::Entity("Rosoboronexport", {}, "RU");
  sdn.source = "Specially Designated Nationals (SDN) - Treasury Department";
  sdn.source_code = "SDN";
  sdn.list_id = "sdn-1";
  builder.Add(sdn, 8);
  for (ListEntry& filler : screen_test::FillerEntries(200)) builder.Add(std::move(filler), 9);
  return builder.Build();
}

const ShipmentAuditor& Auditor() {
  static const ShipmentAuditor auditor([] {
    ShipmentAuditor::Setup setup;
    setup.rules = Pack();
    setup.index = Index();
    setup.resolve_item = Resolve;
    return setup;
  }());
  return auditor;
}

Shipment Line(const char* item, const char* date, const char* destination,
              const char* consignee = "Rheinland Rechenzentrum GmbH") {
  Shipment s;
  s.shipment_id = "S-1";
  s.ship_date = *Date::Parse(date);
  s.item = item;
  s.destination_country = destination;
  s.exporter = {"Acme Silicon Inc.", "US"};
  s.buyer = {consignee, destination};
  s.consignee = {consignee, destination};
  s.end_user = {consignee, destination};
  s.line = 2;
  return s;
}

ShipmentResult Check(const Shipment& s, std::optional<Date> as_of = std::nullopt) {
  auto r = Auditor().Check(s, as_of);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return *r;
}

bool HasCode(const ShipmentResult& r, std::string_view code) {
  for (const AuditFinding& f : r.findings) {
    if (f.code == code) return true;
  }
  return false;
}

TEST_CASE("a 3A090.a chip to China needs a licence from 2022-10-21 (the October 2022 rule)") {
  ShipmentResult after = Check(Line("big-chip", "2024-06-01", "CN", "Beijing Cloud Co."));
  CHECK(after.eccn.rfind("3A090", 0) == 0);
  REQUIRE(after.license_required.has_value());
  CHECK(*after.license_required);
  CHECK(after.verdict == Verdict::kLicenseRequired);
  CHECK(HasCode(after, "license-required"));

  // Before the rule the chip is outside 3A090: nothing on the item requires a licence.
  ShipmentResult before = Check(Line("big-chip", "2022-06-01", "CN", "Beijing Cloud Co."));
  CHECK_FALSE(HasCode(before, "license-required"));
  CHECK(before.verdict < Verdict::kLicenseRequired);
}

TEST_CASE("the same chip to Germany is clear, with the ECCN still stated") {
  ShipmentResult r = Check(Line("big-chip", "2024-06-01", "DE"));
  CHECK(r.eccn.rfind("3A090", 0) == 0);
  REQUIRE(r.license_required.has_value());
  CHECK_FALSE(*r.license_required);
  CHECK(r.verdict == Verdict::kClear);
  CHECK(r.findings.empty());
}

TEST_CASE("a consignee on the Entity List is found from its listing date, not before") {
  Shipment s = Line("big-chip", "2015-03-10", "CN", "Central South CAD Center");
  ShipmentResult listed = Check(s);
  CHECK(HasCode(listed, "list-hit"));
  CHECK(listed.verdict >= Verdict::kLicenseRequired);
  bool evidence = false;
  for (const AuditFinding& f : listed.findings) {
    if (f.code == "list-hit") {
      CHECK(f.rule == "audit.party.entity-list");
      CHECK(f.list_hit_json.find("National University of Defense Technology") != std::string::npos);
      evidence = true;
    }
  }
  CHECK(evidence);

  // 2015-02-17: the day before NUDT's listing (80 FR 8524, effective 2015-02-18).
  ShipmentResult earlier = Check(s, Date::FromYmd(2015, 2, 17));
  CHECK_FALSE(HasCode(earlier, "list-hit"));
  CHECK(earlier.as_of == Date::FromYmd(2015, 2, 17));
}

TEST_CASE("an SDN consignee is prohibited") {
  ShipmentResult r = Check(Line("eccn:EAR99", "2024-06-01", "RU", "Rosoboronexport"));
  CHECK(r.verdict == Verdict::kProhibited);
  CHECK(HasCode(r, "list-hit"));
}

TEST_CASE("an embargoed destination is prohibited whatever the item") {
  ShipmentResult r = Check(Line("eccn:EAR99", "2024-06-01", "KP", "Pyongyang Trading"));
  CHECK(r.verdict == Verdict::kProhibited);
  CHECK(HasCode(r, "destination"));
}

TEST_CASE("an item that cannot be resolved is a finding, never a silent CLEAR") {
  ShipmentResult r = Check(Line("no-such-part", "2024-06-01", "DE"));
  CHECK(HasCode(r, "item-unresolved"));
  CHECK(r.verdict >= Verdict::kReview);
  CHECK(r.eccn.empty());
  CHECK_FALSE(r.license_required.has_value());
}

TEST_CASE("the same shipment judged twice gives byte-identical JSON") {
  Shipment s = Line("big-chip", "2015-03-10", "CN", "Central South CAD Center");
  const std::string first = ShipmentResultToJson(Check(s));
  CHECK(first == ShipmentResultToJson(Check(s)));
  CHECK(first.find("\"verdict\":\"") != std::string::npos);
}

TEST_CASE("verdict names round-trip, and the rule words parse") {
  for (Verdict v :
       {Verdict::kClear, Verdict::kReview, Verdict::kLicenseRequired, Verdict::kProhibited}) {
    CHECK(ParseVerdict(VerdictName(v)) == v);
  }
  CHECK(ParseVerdict("license-required") == Verdict::kLicenseRequired);
  CHECK_FALSE(ParseVerdict("maybe").has_value());
}

}  // namespace
}  // namespace chokepoint
