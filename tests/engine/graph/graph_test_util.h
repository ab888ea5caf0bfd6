// Loading the party-network fixtures for the graph tests.
#pragma once

#include <memory>
#include <string>

#include "chokepoint/data/party_csv.h"
#include "chokepoint/graph.h"
#include "chokepoint/json.h"
#include "chokepoint/rules.h"
#include "testutil.h"

namespace chokepoint::testing {

inline Date D(const char* iso) { return Date::Parse(iso).value(); }

inline const RulePack& Pack() {
  static const std::shared_ptr<const RulePack> pack = [] {
    auto p = RulePack::Load(testing::SourcePath("rules/ear"));
    REQUIRE_MESSAGE(p.ok(), p.status().ToString());
    return *p;
  }();
  return *pack;
}

// fixtures/graph/<name>/{parties,links,listings}.csv, frozen.
inline std::shared_ptr<const PartyGraph> LoadFixture(const std::string& name) {
  const std::string dir = SourcePath("fixtures/graph/" + name + "/");
  PartyNetwork net;
  auto imported = data::ImportPartyCsvFiles(dir + "parties.csv", dir + "links.csv", &net);
  REQUIRE_MESSAGE(imported.ok(), imported.status().ToString());
  auto listed = data::ImportListingsCsvFile(dir + "listings.csv", &net);
  REQUIRE_MESSAGE(listed.ok(), listed.status().ToString());
  auto graph = PartyGraph::Build(std::move(net));
  REQUIRE_MESSAGE(graph.ok(), graph.status().ToString());
  return *graph;
}

inline Rational R(const char* text) { return Rational::Parse(text).value(); }

}  // namespace chokepoint::testing
