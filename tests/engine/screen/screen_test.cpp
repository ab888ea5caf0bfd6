// Normalisation and scoring of restricted-party screening, on hand-made entries.
#include "chokepoint/screen.h"

#include <string>
#include <vector>

#include "engine/screen/screen_fixtures.h"
#include "testutil.h"

using namespace chokepoint;
using chokepoint::screen_test::Entity;
using chokepoint::screen_test::Person;

namespace {

std::string Joined(const char* raw) { return NormalizeName(raw).joined; }

std::vector<std::string> Legal(const char* raw) { return NormalizeName(raw).legal_forms; }

// The index every scoring case runs against: a few parties and enough filler that token weights
// (IDF) mean something.
std::shared_ptr<const ScreeningIndex> Index() {
  static const std::shared_ptr<const ScreeningIndex> index = [] {
    ScreeningIndex::Builder b;
    for (ListEntry& e : screen_test::FillerEntries(400)) b.Add(std::move(e), 1);
    b.Add(Person("PUTIN, Vladimir Vladimirovich", {"PUTIN, Vladimir"}, "RU"), 7);
    b.Add(Person("MADURO MOROS, Nicolas", {}, "VE"), 7);
    b.Add(Person("SMITH, John Albert", {}, "GB"), 7);
    b.Add(Person("MAKHLOUF, Rami", {}, "SY"), 7);
    b.Add(Entity("HUAWEI TECHNOLOGIES CO., LTD.", {}, "CN"), 7);
    b.Add(Entity("K TECHNOLOGIES JOINT STOCK COMPANY", {}, "RU"), 7);
    b.Add(Entity("ACME TRADING LIMITED", {}, "AE"), 7);
    b.Add(Entity("11420 CORP.", {}, "US"), 7);
    b.Add(Entity("SNOW STORM 2", {}, "PA"), 7);
    b.Add(Entity("MUELLER MASCHINENBAU GMBH", {}, "DE"), 7);
    ListEntry weak = Entity("ZEPHYRINE SHIPPING LLC", {}, "IR");
    weak.aliases.push_back({"BLUE KESTREL", ListName::Kind::kWeakAlias});
    b.Add(std::move(weak), 7);
    return b.Build();
  }();
  return index;
}

std::vector<ScreenHit> Screen(const std::string& name, double threshold = -1) {
  ScreenQuery q;
  q.name = name;
  if (threshold >= 0) q.threshold = threshold;
  return Index()->Screen(q);
}

const TokenMatch* FindToken(const ScreenHit& hit, const std::string& query_token) {
  for (const TokenMatch& t : hit.tokens) {
    if (t.query_token == query_token) return &t;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("normalisation: scripts, accents, case and punctuation") {
  CHECK(Joined("ООО Ромашка") == "romashka");
  CHECK(Legal("ООО Ромашка") == std::vector<std::string>{"ooo"});
  CHECK(Joined("Müller") == "muller");
  CHECK(Joined("Nicolás MADURO") == "nicolas maduro");
  CHECK(Joined("Владимир Путин") == "vladimir putin");
  CHECK(Joined("Хрущёв") == "khrushchev");
  CHECK(Joined("O'BRIEN") == "obrien");
  CHECK(Joined("AL-QAEDA") == "al qaeda");
  CHECK(Joined("J.P. Morgan") == "jp morgan");
  CHECK(Joined("Ｆｕｌｌｗｉｄｔｈ") == "fullwidth");  // NFKC
  // "ks" and "x" are one sound: both spellings meet.
  CHECK(Joined("Aleksey") == Joined("Alexey"));
  // Chinese falls back to Han-Latin; the legal form is recognised before it.
  NormalizedName han = NormalizeName("华为技术有限公司");
  CHECK(han.joined.rfind("hua wei", 0) == 0);
  CHECK(han.legal_forms == std::vector<std::string>{"co", "ltd"});
}

TEST_CASE("normalisation: legal forms, stopwords and LAST, First") {
  CHECK(Joined("Acme Co., Ltd.") == "acme");
  CHECK(Legal("Acme Co., Ltd.") == std::vector<std::string>{"co", "ltd"});
  CHECK(Joined("OPEN JOINT STOCK COMPANY GAZPROM NEFT") == "gazprom neft");
  CHECK(Joined("Banco Ejemplo S.A. de C.V.") == "banco ejemplo");
  CHECK(Joined("Banco Ejemplo, S.A.;") == "banco ejemplo");
  CHECK(Joined("Sberbank, PJSC") == "sberbank");  // a legal form after the comma: no reorder
  CHECK(Joined("Bank of China") == "bank china");
  CHECK(Joined("Smith & Wesson") == "smith wesson");
  CHECK(Joined("PUTIN, Vladimir Vladimirovich") == "vladimir vladimirovich putin");
  CHECK(Joined("11,420.2-1 CORP.") == "11 420 2 1");  // digit commas are no "LAST, First"
}

TEST_CASE("normalisation never collapses a name to nothing (watchman#483)") {
  CHECK(Joined("CORP.") == "corp");
  CHECK(Joined("The Company Limited") == "company limited");
  CHECK(Joined("The") == "the");
  CHECK(Joined("11420 CORP.") == "11420");
  CHECK(Legal("11420 CORP.") == std::vector<std::string>{"corp"});
  CHECK(NormalizeName("").tokens.empty());
  CHECK(NormalizeName(" ,.;- ").tokens.empty());
  // ...and such a name does not match everything with that legal form.
  CHECK(Screen("Acme Corp", 0.3).size() <= 1);
  for (const ScreenHit& h : Screen("CORP", 0.3)) CHECK(h.entry->name != "ACME TRADING LIMITED");
  CHECK(Screen("11420 Corporation").at(0).entry->name == "11420 CORP.");
}

TEST_CASE("scoring: exact, typo, order, dropped token") {
  auto hits = Screen("Vladimir Putin");
  REQUIRE(!hits.empty());
  CHECK(hits[0].entry->name == "PUTIN, Vladimir Vladimirovich");
  CHECK(hits[0].matched_name == "PUTIN, Vladimir");
  CHECK(hits[0].score == doctest::Approx(1.0));
  CHECK(hits[0].snapshot_id == 7);

  hits = Screen("Vladimr Putin");
  REQUIRE(!hits.empty());
  CHECK(hits[0].entry->name == "PUTIN, Vladimir Vladimirovich");
  CHECK(hits[0].score < 1.0);
  REQUIRE(FindToken(hits[0], "vladimr") != nullptr);
  CHECK(FindToken(hits[0], "vladimr")->how == "typo");
  CHECK(FindToken(hits[0], "vladimr")->list_token == "vladimir");

  hits = Screen("Putin Vladimir");
  REQUIRE(!hits.empty());
  CHECK(hits[0].score == doctest::Approx(1.0));

  hits = Screen("Nicolas Maduro");  // "Moros" dropped: a mild penalty
  REQUIRE(!hits.empty());
  CHECK(hits[0].entry->name == "MADURO MOROS, Nicolas");
  CHECK(hits[0].score < 1.0);
  CHECK(hits[0].score >= DefaultScreenThreshold());

  // A missing rare query token is a different party.
  CHECK(Screen("Nicolas Maduro Zapatero").empty());
  // Numbers must agree.
  CHECK(Screen("Snow Storm 1").empty());
  CHECK(!Screen("Snow Storm 2").empty());
}

TEST_CASE("scoring: transliteration and legal forms") {
  auto hits = Screen("Müller Maschinenbau");
  REQUIRE(!hits.empty());
  CHECK(hits[0].entry->name == "MUELLER MASCHINENBAU GMBH");
  CHECK(!Screen("Владимир Путин").empty());
  hits = Screen("Acme Trading Co., Ltd.");
  REQUIRE(!hits.empty());
  CHECK(hits[0].entry->name == "ACME TRADING LIMITED");
  CHECK(hits[0].score == doctest::Approx(1.0));
  CHECK(hits[0].adjustments == std::vector<std::string>{"legal form matches +0.01"});
  // A legal form that is not the listed one costs a little, never the match.
  hits = Screen("Acme Trading GmbH");
  REQUIRE(!hits.empty());
  CHECK(hits[0].name_score == doctest::Approx(1.0));
  CHECK(hits[0].score == doctest::Approx(0.98));
}

TEST_CASE("scoring: initials, joined and split words") {
  auto hits = Screen("J. Smith");
  REQUIRE(!hits.empty());
  CHECK(hits[0].entry->name == "SMITH, John Albert");
  CHECK(FindToken(hits[0], "j")->how == "initial");
  // Initials are a person's: "K" does not stand for "Keysight" in a company name.
  CHECK(Screen("Keysight Technologies").empty());
  // Initials alone identify nobody.
  CHECK(Screen("J. A.", 0.1).empty());

  hits = Screen("Hua Wei Technologies");
  REQUIRE(!hits.empty());
  CHECK(hits[0].entry->name == "HUAWEI TECHNOLOGIES CO., LTD.");
  CHECK(FindToken(hits[0], "hua")->how == "joined");
  CHECK(FindToken(hits[0], "hua")->list_token == "huawei");

  hits = Screen("Ramimakhlouf");
  REQUIRE(!hits.empty());
  CHECK(hits[0].entry->name == "MAKHLOUF, Rami");
  CHECK(FindToken(hits[0], "ramimakhlouf")->list_token == "rami makhlouf");
}

TEST_CASE("scoring: weak aliases, country and type qualify, never exclude") {
  auto hits = Screen("Blue Kestrel");
  REQUIRE(!hits.empty());
  CHECK(hits[0].matched_kind == ListName::Kind::kWeakAlias);
  CHECK(hits[0].name_score == doctest::Approx(1.0));
  CHECK(hits[0].score == doctest::Approx(0.95));
  CHECK(hits[0].adjustments == std::vector<std::string>{"weak alias -0.05"});

  ScreenQuery q;
  q.name = "Huawei Technologies";
  q.country = "CN";
  q.type = PartyType::kEntity;
  hits = Index()->Screen(q);
  REQUIRE(!hits.empty());
  CHECK(hits[0].score == doctest::Approx(1.0));  // clamped
  CHECK(hits[0].adjustments ==
        std::vector<std::string>{"country CN matches +0.02", "type entity matches +0.02"});

  q.country = "de";
  q.type = PartyType::kIndividual;
  hits = Index()->Screen(q);
  REQUIRE(!hits.empty());  // still reported
  CHECK(hits[0].score == doctest::Approx(1.0 - 0.03 - 0.05));
  CHECK(hits[0].adjustments ==
        std::vector<std::string>{"country DE not among CN -0.03",
                                 "type individual but listed as entity -0.05"});
}

TEST_CASE("explanations carry every query token and the list tokens left over") {
  auto hits = Screen("Vladimir Putin");
  REQUIRE(!hits.empty());
  // "PUTIN, Vladimir" matched whole; nothing is left over.
  double total = 0;
  for (const TokenMatch& t : hits[0].tokens) {
    CHECK(!t.query_token.empty());
    CHECK(t.how == "exact");
    CHECK(t.similarity == doctest::Approx(1.0));
    total += t.weight;
  }
  CHECK(total == doctest::Approx(1.0));
  hits = Screen("Nicolas Maduro");
  REQUIRE(!hits.empty());
  bool moros = false;
  for (const TokenMatch& t : hits[0].tokens) {
    if (t.list_token == "moros") {
      moros = true;
      CHECK(t.query_token.empty());
      CHECK(t.how == "not in query");
    }
  }
  CHECK(moros);
  CHECK(Index()->NameScore("Vladimir Putin", "PUTIN, Vladimir") == doctest::Approx(1.0));
}
