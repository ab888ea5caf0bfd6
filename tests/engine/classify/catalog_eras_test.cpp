// Runs fixtures/cases/catalog_eras.tsv: every catalog part on dates in each rule era, with the
// regulation's answer written down by hand beside the reason for it.
#include <fstream>
#include <sstream>

#include "chokepoint/classify.h"
#include "chokepoint/data/catalog.h"
#include "testutil.h"

namespace chokepoint {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string f; std::getline(in, f, '\t');) fields.push_back(f);
  return fields;
}

TEST_CASE("catalog parts get the regulation's answer in every era") {
  auto pack = RulePack::Load(testing::SourcePath("rules/ear"));
  REQUIRE_MESSAGE(pack.ok(), pack.status().ToString());
  auto catalog = data::Catalog::Load(testing::SourcePath("data/catalog/accelerators.xml"));
  REQUIRE_MESSAGE(catalog.ok(), catalog.status().ToString());
  Classifier classifier(*pack);

  std::ifstream in(testing::SourcePath("fixtures/cases/catalog_eras.tsv"));
  REQUIRE(in);
  int line_no = 0, cases = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    auto f = SplitTabs(line);
    REQUIRE_MESSAGE(f.size() == 8, "catalog_eras.tsv:" << line_no << ": expected 8 fields");
    ++cases;
    std::string where = "catalog_eras.tsv:" + std::to_string(line_no) + " " + f[0] + " " + f[1] +
                        " " + f[2] + " (" + f[7] + ")";
    auto part = catalog->Find(f[0]);
    REQUIRE_MESSAGE(part.ok(), where << ": " << part.status().ToString());
    ClassifyRequest req;
    req.item = (*part)->spec;
    req.as_of = *Date::Parse(f[1]);
    if (f[2] != "-") req.destination = f[2];
    auto c = classifier.Classify(req);
    REQUIRE_MESSAGE(c.ok(), where << ": " << c.status().ToString());
    CHECK_MESSAGE(c->eccn == f[3], where << ": eccn " << c->eccn);
    if (f[4] == "-") {
      CHECK_MESSAGE(!c->license_required.has_value(), where);
    } else {
      REQUIRE_MESSAGE(c->license_required.has_value(), where);
      CHECK_MESSAGE(*c->license_required == (f[4] == "yes"),
                    where << ": licence " << *c->license_required);
    }
    std::string exceptions;
    for (const auto& e : c->license_exceptions) exceptions += (exceptions.empty() ? "" : ",") + e;
    CHECK_MESSAGE(exceptions == (f[5] == "-" ? "" : f[5]),
                  where << ": exceptions '" << exceptions << "'");
    if (f[6] != "-")
      CHECK_MESSAGE(c->policy.find(f[6]) != std::string::npos,
                    where << ": policy '" << c->policy << "'");
    // Every answer names its rules with citations.
    CHECK_MESSAGE(!c->rules.empty(), where);
    for (const auto& r : c->rules)
      CHECK_MESSAGE(!r.citation.empty(), where << ": rule " << r.id << " has no citation");
  }
  CHECK(cases >= 50);
}

TEST_CASE("every catalog part is classified determinately today, with figures from its sources") {
  auto pack = RulePack::Load(testing::SourcePath("rules/ear"));
  REQUIRE(pack.ok());
  auto catalog = data::Catalog::Load(testing::SourcePath("data/catalog/accelerators.xml"));
  REQUIRE(catalog.ok());
  Classifier classifier(*pack);
  for (const auto& part : catalog->parts()) {
    ClassifyRequest req;
    req.item = part.spec;
    req.as_of = Date::FromYmd(2026, 11, 25);
    req.destination = "CN";
    auto c = classifier.Classify(req);
    REQUIRE_MESSAGE(c.ok(), part.id);
    CHECK_MESSAGE(c->figures.tpp.has_value(), part.id);
    CHECK_MESSAGE(!c->reasons.empty(), part.id);
  }
}

}  // namespace
}  // namespace chokepoint
