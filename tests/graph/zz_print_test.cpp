#include <iostream>
#include "graph_test_util.h"
namespace chokepoint {
TEST_CASE("zz print") {
  using testing::D;
  auto g = testing::LoadFixture("cadence");
  auto r = g->Trace("cadence", D("2019-06-01"), testing::Pack());
  std::cout << TraceResultToJson(*r, 2) << "\n";
  auto o = testing::LoadFixture("ownership");
  std::cout << OwnershipReportToJson(*o->Ownership("unk-t", D("2025-12-01"), testing::Pack()), 2) << "\n";
  std::cout << OwnershipReportToJson(*o->Ownership("cyc-a", D("2025-12-01"), testing::Pack()), 2) << "\n";
  auto d = testing::LoadFixture("diversion");
  auto t = d->Trace("vendor-a", D("2024-12-01"), testing::Pack());
  for (auto& s : t->signals) std::cout << s.code << " | " << s.party_id << " | " << s.detail << "\n";
  for (auto& f : t->findings) std::cout << f.party_id << " " << f.hops << " " << f.strength << " " << f.rule << "\n";
  std::cout << *d->ToDot("my-dc-1", D("2024-12-01"), 1) << "\n";
}
}
