// Item spec JSON in, classification JSON out; country names in.
#include <nlohmann/json.hpp>

#include "chokepoint/country.h"
#include "chokepoint/json.h"
#include "testutil.h"

namespace chokepoint {
namespace {

TEST_CASE("item specs parse exactly and name the bad field") {
  auto item = ItemSpecFromJson(
      R"({"name":"X","tops":"4799.99","bit_length":1,"die_area_mm2":810.5,"datacenter":"yes"})",
      "x.json");
  REQUIRE_MESSAGE(item.ok(), item.status().ToString());
  CHECK(item->throughput.at(0).tops == *Rational::Parse("4799.99"));
  CHECK(*item->die_area_mm2 == *Rational::Parse("810.5"));
  CHECK(*item->datacenter);

  CHECK(ItemSpecFromJson(R"({"tpp":1,"colour":"red"})", "x.json").status().message() ==
        "x.json: /colour: unknown field");
  CHECK(ItemSpecFromJson(R"({"throughput":[{"bits":8,"tops":"many"}]})", "x.json")
            .status()
            .message()
            .find("x.json: /throughput/0/tops:") == 0);
  CHECK(ItemSpecFromJson(R"({"tpp":1,"datacenter":3})", "x.json").status().message() ==
        "x.json: /datacenter: expected true or false");
  CHECK(
      ItemSpecFromJson(R"({"name":"no figures"})", "x.json").status().message().find("give tpp") !=
      std::string::npos);
  CHECK(ItemSpecFromJson("{\"tpp\":\n1,", "x.json")
            .status()
            .message()
            .find("x.json: malformed JSON") == 0);
}

TEST_CASE("country names and codes normalise to ISO alpha-2") {
  CHECK(*NormalizeCountry("CN") == "CN");
  CHECK(*NormalizeCountry("cn") == "CN");
  CHECK(*NormalizeCountry("China") == "CN");
  CHECK(*NormalizeCountry("CHN") == "CN");
  CHECK(*NormalizeCountry("People's Republic of China") == "CN");
  CHECK(*NormalizeCountry("Hong Kong") == "HK");
  CHECK(*NormalizeCountry("Macau") == "MO");
  CHECK(*NormalizeCountry("United Arab Emirates") == "AE");
  CHECK(*NormalizeCountry("Singapore") == "SG");
  CHECK(*NormalizeCountry("Malaysia") == "MY");
  CHECK(*NormalizeCountry("Viet Nam") == "VN");
  CHECK(!NormalizeCountry("Atlantis").ok());
  CHECK(!NormalizeCountry("").ok());
}

TEST_CASE("classification JSON carries the documented fields") {
  auto pack = *RulePack::Load(testing::SourcePath("rules/ear"));
  ClassifyRequest req;
  req.item.tpp = *Rational::Parse("15832");
  req.item.die_area_mm2 = *Rational::Parse("814");
  req.item.datacenter = true;
  req.as_of = *Date::Parse("2024-06-01");
  req.destination = "CN";
  auto c = Classifier(pack).Classify(req);
  auto doc = nlohmann::json::parse(ClassificationToJson(*c));
  for (const char* key :
       {"item", "as_of", "tpp", "performance_density", "eccn", "controlled", "destination",
        "license_required", "license_exceptions", "policy", "rules", "reasons"}) {
    CHECK_MESSAGE(doc.contains(key), key);
  }
  CHECK(doc["eccn"] == "3A090.a");
  CHECK(doc["license_required"] == true);
  CHECK(doc["tpp"] == 15832);
  CHECK(doc["performance_density"] == 19.4496);
  CHECK(doc["rules"][0]["effective"] == "2023-11-17");
  CHECK(ClassificationToJson(*c) == ClassificationToJson(*Classifier(pack).Classify(req)));
}

}  // namespace
}  // namespace chokepoint
