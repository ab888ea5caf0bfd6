// Thresholds compared exactly as the regulation words them, and the arithmetic behind TPP and PD.
#include "chokepoint/classify.h"
#include "testutil.h"

namespace chokepoint {
namespace {

std::shared_ptr<const RulePack> Pack() {
  static auto pack = RulePack::Load(testing::SourcePath("rules/ear"));
  REQUIRE_MESSAGE(pack.ok(), pack.status().ToString());
  return *pack;
}

Rational R(const char* text) { return *Rational::Parse(text); }

Classification Classify(ItemSpec item, const char* as_of = "2024-06-01",
                        const char* destination = nullptr) {
  ClassifyRequest req;
  req.item = std::move(item);
  req.as_of = *Date::Parse(as_of);
  if (destination) req.destination = destination;
  auto c = Classifier(Pack()).Classify(req);
  REQUIRE_MESSAGE(c.ok(), c.status().ToString());
  return *c;
}

ItemSpec Datacenter(const char* tpp, const char* die_area = nullptr) {
  ItemSpec item;
  item.tpp = R(tpp);
  item.datacenter = true;
  if (die_area) item.die_area_mm2 = R(die_area);
  return item;
}

TEST_CASE("rational numbers parse and compare exactly") {
  CHECK(R("5.92") == R("5.920"));
  CHECK(R("5.9199") < R("5.92"));
  CHECK(R("4799.99") < R("4800"));
  CHECK((R("2960") / R("500")) == R("5.92"));
  CHECK((R("0.1") + R("0.2")) == R("0.3"));
  CHECK(Rational::FromDouble(4799.99)->ToString(6) == "4799.99");
  CHECK(R("1e3") == R("1000"));
  CHECK(R("2.5E-1") == R("0.25"));
  CHECK((R("15832") / R("814")).ToString(4) == "19.4496");
  CHECK(!Rational::Parse("12abc").ok());
  CHECK(!Rational::Parse("").ok());
  CHECK(!Rational::Parse("1.2.3").ok());
}

TEST_CASE("dates are strict ISO 8601") {
  CHECK(Date::Parse("2024-02-29").ok());
  CHECK(!Date::Parse("2023-02-29").ok());
  CHECK(!Date::Parse("2024-2-1").ok());
  CHECK(!Date::Parse("2024-02-01T00:00").ok());
  CHECK(Date::Parse("2023-11-17")->AddDays(-1).ToString() == "2023-11-16");
  CHECK(Date::FromYmd(2026, 11, 25).year() == 2026);
}

TEST_CASE("TPP is 2 x MacTOPS x bit length, the maximum over precisions, dense") {
  ItemSpec item;
  item.throughput = {{"FP8", 8, R("3958"), true, {}},
                     {"FP16", 16, R("989.5"), false, {}},
                     {"FP64", 64, R("67"), false, {}}};
  auto f = ComputeFigures(item);
  REQUIRE(f.ok());
  CHECK(*f->tpp == R("15832"));
  CHECK(f->tpp_arithmetic == "2 × 989.5 × 8 = 15832");
  CHECK(f->tpp_basis.find("with sparsity halved") != std::string::npos);

  SUBCASE("ties keep the first listed precision") {
    ItemSpec rtx;
    rtx.throughput = {{"FP8", 8, R("660.6"), false, {}}, {"FP16", 16, R("330.3"), false, {}}};
    auto g = ComputeFigures(rtx);
    CHECK(*g->tpp == R("5284.8"));
    CHECK(g->tpp_basis.rfind("FP8", 0) == 0);
  }
  SUBCASE("planar logic has no applicable die area") {
    item.die_area_mm2 = R("814");
    item.non_planar = false;
    auto g = ComputeFigures(item);
    CHECK(!g->performance_density);
    CHECK(g->performance_density_not_applicable);
  }
  SUBCASE("bad figures are refused") {
    item.die_area_mm2 = R("0");
    CHECK(!ComputeFigures(item).ok());
    ItemSpec bad;
    bad.throughput = {{"FP8", 0, R("1"), false, {}}};
    CHECK(!ComputeFigures(bad).ok());
  }
}

TEST_CASE("TPP 4800 is 3A090.a.1; 4799.99 is not") {
  auto at = Classify(Datacenter("4800", "100000"));
  CHECK(at.eccn == "3A090.a");
  CHECK(at.paragraph == "3A090.a.1");
  CHECK(at.reasons.back().find("TPP 4800 ≥ 4800 → 3A090.a.1") != std::string::npos);
  auto below = Classify(Datacenter("4799.99", "100000"));
  CHECK(below.eccn == "EAR99");
  CHECK(below.determinate);
}

TEST_CASE("PD 5.92 is 3A090.a.2; 5.9199 is 3A090.b.1") {
  auto at = Classify(Datacenter("2960", "500"));  // 2960 / 500 = 5.92 exactly
  CHECK(at.paragraph == "3A090.a.2");
  auto below = Classify(Datacenter("2959.95", "500"));  // 5.9199
  CHECK(below.eccn == "3A090.b");
  CHECK(below.paragraph == "3A090.b.1");
  auto band_b2 = Classify(Datacenter("1600", "500"));  // PD 3.2 exactly, TPP < 2400
  CHECK(band_b2.paragraph == "3A090.b.2");
  auto under = Classify(Datacenter("1600", "500.1"));  // PD 3.1994
  CHECK(under.eccn == "EAR99");
}

TEST_CASE("a missing die area makes the density tests indeterminate, not false") {
  auto c = Classify(Datacenter("3000"));
  CHECK(c.eccn == "EAR99");
  CHECK_FALSE(c.determinate);
  bool names_die_area = false;
  for (const auto& w : c.warnings)
    names_die_area |= w.find("performance_density") != std::string::npos;
  CHECK(names_die_area);
}

TEST_CASE("Note 2: non-datacenter items below TPP 4800 are outside 3A090 whatever their PD") {
  ItemSpec consumer = Datacenter("4707", "608.5");
  consumer.datacenter = false;
  auto c = Classify(consumer, "2024-06-01", "CN");
  CHECK(c.eccn == "EAR99");
  CHECK(*c.license_required == false);
  consumer.tpp = R("4800");
  auto at = Classify(consumer, "2024-06-01", "CN");
  CHECK(at.eccn == "3A090.a");
  CHECK(at.license_exceptions == std::vector<std::string>{"NAC"});
  SUBCASE("an unknown market keeps the stricter answer and says so") {
    ItemSpec unknown = Datacenter("4707", "608.5");
    unknown.datacenter.reset();
    auto u = Classify(unknown);
    CHECK(u.eccn == "3A090.a");
    CHECK_FALSE(u.determinate);
  }
}

TEST_CASE("computers containing 3A090 ICs are 4A090") {
  ItemSpec server = Datacenter("15832", "814");
  server.kind = ItemKind::kComputer;
  CHECK(Classify(server).eccn == "4A090.a");
  server.tpp = R("2899.2");
  server.die_area_mm2 = R("790");
  CHECK(Classify(server).eccn == "4A090.b");
  auto cn = Classify(server, "2024-06-01", "CN");
  CHECK(*cn.license_required);
}

TEST_CASE("HBM stacks: 3A090.c above 2 GB/s/mm² from 2024-12-02, exception HBM below 3.3") {
  ItemSpec stack;
  stack.kind = ItemKind::kHbmStack;
  stack.tpp = R("0");
  stack.memory_bandwidth_gbps = R("819.2");
  stack.package_area_mm2 = R("110");
  CHECK(Classify(stack, "2024-12-01").eccn == "EAR99");
  auto c = Classify(stack, "2024-12-02", "CN");
  CHECK(c.eccn == "3A090.c");
  CHECK(*c.license_required);
  CHECK(c.license_exceptions.empty());
  stack.memory_bandwidth_gbps = R("220");  // exactly 2 GB/s/mm²: "greater than 2" is not met
  CHECK(Classify(stack, "2025-01-01").eccn == "EAR99");
  stack.memory_bandwidth_gbps = R("330");  // 3.0
  auto low = Classify(stack, "2025-01-01", "CN");
  CHECK(low.eccn == "3A090.c");
  CHECK(low.license_exceptions == std::vector<std::string>{"HBM"});
  CHECK(*Classify(stack, "2025-01-01", "VN").license_required == false);
}

TEST_CASE("headquartered-in rule reaches destinations outside the country groups") {
  ClassifyRequest req;
  req.item = Datacenter("15832", "814");
  req.as_of = *Date::Parse("2024-06-01");
  req.destination = "SG";
  auto unknown = Classifier(Pack()).Classify(req);
  CHECK(*unknown->license_required == false);
  CHECK_FALSE(unknown->determinate);  // the answer turns on the party's headquarters
  req.headquarters = "CN";
  auto cn = Classifier(Pack()).Classify(req);
  CHECK(*cn->license_required);
  CHECK(cn->policy == "case-by-case");
  req.headquarters = "US";
  auto us = Classifier(Pack()).Classify(req);
  CHECK(*us->license_required == false);
  CHECK(us->determinate);
  req.destination = "VN";
  req.headquarters = "CN";
  CHECK(Classifier(Pack()).Classify(req)->policy == "presumption of denial");
}

TEST_CASE(
    "foundry due diligence: presumed 3A090.a unless rebutted, with dated transistor thresholds") {
  ClassifyRequest req;
  req.item = Datacenter("1000", "400");  // by its figures, outside 3A090
  req.item.process_nm = R("7");
  req.item.transistors_billion = R("32");
  req.item.has_hbm = false;
  req.exporter_role = "foundry";
  req.packaged_outside_d5 = true;
  req.destination = "CN";
  Classifier classifier(Pack());
  auto check = [&](const char* day) {
    req.as_of = *Date::Parse(day);
    auto c = classifier.Classify(req);
    REQUIRE(c.ok());
    return *c;
  };
  CHECK(check("2025-01-15").eccn == "EAR99");  // before the rule
  auto presumed = check("2025-06-01");
  CHECK(presumed.eccn == "3A090.a");
  CHECK(presumed.presumed);
  CHECK(*presumed.license_required);
  CHECK(check("2027-06-01").eccn == "EAR99");  // 32 < 35 billion, no HBM, completed in 2027
  auto y2028 = check("2028-06-01");            // no 2028 step: only the 30-billion test
  CHECK(y2028.eccn == "3A090.a");
  CHECK(!y2028.warnings.empty());
  CHECK(check("2029-01-01").eccn == "EAR99");  // below 40 billion from 2029
  req.item.transistors_billion = R("29");
  CHECK(check("2025-06-01").eccn == "EAR99");  // below 30 billion: rebutted
  req.item.transistors_billion = R("80");
  req.designer_status = "authorized";
  CHECK(check("2026-04-10").eccn == "EAR99");  // authorized designer, extended to 2026-12-31
  CHECK(check("2026-12-31").eccn == "3A090.a");
}

TEST_CASE("the AI Diffusion worldwide requirement is reported, never applied") {
  ClassifyRequest req;
  req.item = Datacenter("15832", "814");
  req.as_of = *Date::Parse("2025-03-01");
  req.destination = "BR";
  auto c = Classifier(Pack()).Classify(req);
  CHECK(*c->license_required == false);
  bool warned = false;
  for (const auto& w : c->warnings) warned |= w.find("ai-diffusion.worldwide") != std::string::npos;
  CHECK(warned);
  req.as_of = *Date::Parse("2025-06-01");
  auto after = Classifier(Pack()).Classify(req);
  for (const auto& w : after->warnings) CHECK(w.find("ai-diffusion") == std::string::npos);
}

TEST_CASE("the same request gives byte-identical answers, explained or not") {
  ClassifyRequest req;
  req.item = Datacenter("5864", "608.5");
  req.as_of = *Date::Parse("2024-06-01");
  req.destination = "VN";
  Classifier classifier(Pack());
  auto a = classifier.Classify(req);
  auto b = classifier.Classify(req);
  CHECK(a->reasons == b->reasons);
  auto fast = classifier.Classify(req, ClassifyOptions{.explain = false});
  CHECK(fast->eccn == a->eccn);
  CHECK(fast->license_required == a->license_required);
  CHECK(fast->policy == a->policy);
  CHECK(fast->license_exceptions == a->license_exceptions);
  CHECK(fast->reasons.empty());
}

TEST_CASE("bad requests are refused with the field named") {
  ClassifyRequest req;
  req.item = Datacenter("100");
  req.as_of = *Date::Parse("2024-06-01");
  req.destination = "China";
  auto c = Classifier(Pack()).Classify(req);
  CHECK(c.status().IsInvalidArgument());
  CHECK(c.status().message().find("destination") != std::string::npos);
}

}  // namespace
}  // namespace chokepoint
