// The bundled accelerator catalog and the forgiving part lookup behind `classify --part`.
#include "chokepoint/data/catalog.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>

#include "chokepoint/rational.h"
#include "testutil.h"

namespace chokepoint::data {
namespace {

namespace fs = std::filesystem;

const Catalog& Bundled() {
  static const Catalog* catalog = [] {
    Result<Catalog> r = Catalog::Load(testing::SourcePath("data/catalog/accelerators.xml"));
    REQUIRE_MESSAGE(r.ok(), r.status().ToString());
    return new Catalog(std::move(r).value());
  }();
  return *catalog;
}

const CatalogPart& Part(const std::string& id) {
  for (const CatalogPart& p : Bundled().parts()) {
    if (p.id == id) return p;
  }
  FAIL("no part " << id);
  throw;  // unreachable: FAIL throws
}

// The same arithmetic as the engine's Technical Note 1 (dense figure x bit length, max over
// precisions), recomputed here so a data-entry slip in the XML shows up as a wrong TPP.
Rational Tpp(const ItemSpec& spec) {
  Rational best;
  for (const Throughput& t : spec.throughput) {
    Rational dense = t.sparse ? t.tops / Rational(2) : t.tops;
    Rational tpp = dense * Rational(t.bit_length);
    if (tpp > best) best = tpp;
  }
  return best;
}

Rational Num(const char* text) { return Rational::Parse(text).value(); }

std::string FindId(std::string_view query) {
  Result<const CatalogPart*> r = Bundled().Find(query);
  if (!r.ok()) return "error: " + r.status().ToString();
  return (*r)->id;
}

// A catalog file written for one test and removed after it.
class TempCatalog {
 public:
  explicit TempCatalog(const std::string& xml) {
    static int counter = 0;
    path_ = fs::temp_directory_path() / ("chokepoint_catalog_test_" + std::to_string(::getpid()) +
                                         "_" + std::to_string(counter++) + ".xml");
    std::ofstream(path_) << xml;
  }
  ~TempCatalog() { fs::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

const char* kGoodPart =
    "  <part id=\"acme-x1\" vendor=\"Acme\" name=\"X1\" datacenter=\"true\" "
    "datacenter_source=\"brochure\">\n"
    "    <throughput precision=\"FP8\" bits=\"8\" tops=\"100\" basis=\"published\" "
    "source=\"datasheet\"/>\n"
    "  </part>\n";

std::string Wrap(const std::string& parts) {
  return "<?xml version=\"1.0\"?>\n<catalog version=\"2026-01-01\">\n" + parts + "</catalog>\n";
}

Status LoadText(const std::string& xml, std::string* path_out = nullptr) {
  TempCatalog file(xml);
  if (path_out) *path_out = file.path();
  Result<Catalog> r = Catalog::Load(file.path());
  return r.ok() ? Status::OK() : r.status();
}

}  // namespace

TEST_CASE("the bundled catalog loads and lists at least 18 parts with a version") {
  const Catalog& c = Bundled();
  CHECK(c.parts().size() >= 18);
  CHECK(c.version().size() == 10);  // YYYY-MM-DD
  std::set<std::string> ids;
  for (const CatalogPart& p : c.parts())
    CHECK_MESSAGE(ids.insert(p.id).second, "duplicate id " << p.id);
}

TEST_CASE("every catalog figure says where it came from") {
  for (const CatalogPart& p : Bundled().parts()) {
    CAPTURE(p.id);
    CHECK(p.spec.name == p.vendor + " " + p.name);
    CHECK(p.spec.vendor == p.vendor);
    CHECK_FALSE(p.spec.throughput.empty());
    REQUIRE(p.spec.datacenter.has_value());
    CHECK_FALSE(p.spec.tpp.has_value());  // the engine computes TPP, never the catalog
    for (const Throughput& t : p.spec.throughput) {
      CAPTURE(t.precision);
      CHECK(t.bit_length > 0);
      CHECK_FALSE(t.provenance.source.empty());
      CHECK(t.provenance.basis != Provenance::Basis::kUserSupplied);
    }
    // Every optional figure that is set has a provenance entry, and every entry a source.
    for (auto [name, set] : {std::pair{"die_area_mm2", p.spec.die_area_mm2.has_value()},
                             {"memory_bandwidth_gbps", p.spec.memory_bandwidth_gbps.has_value()},
                             {"interconnect_gbps", p.spec.interconnect_gbps.has_value()},
                             {"process_nm", p.spec.process_nm.has_value()},
                             {"transistors_billion", p.spec.transistors_billion.has_value()},
                             {"non_planar", p.spec.non_planar.has_value()},
                             {"has_hbm", p.spec.has_hbm.has_value()},
                             {"datacenter", p.spec.datacenter.has_value()}}) {
      CHECK_MESSAGE(set == (p.spec.provenance.count(name) == 1), name);
    }
    for (const auto& [name, prov] : p.spec.provenance) {
      CAPTURE(name);
      CHECK_FALSE(prov.source.empty());
      CHECK(prov.basis != Provenance::Basis::kUserSupplied);
    }
  }
}

// Two parts land a little above the figure usually quoted, because every precision counts: the
// L20's TF32 (59.8 x 32 = 1913.6) beats its FP8 (239 x 8 = 1912), and the MI210's FP64 matrix
// (45.3 x 64 = 2899.2) beats its FP16 (181 x 16 = 2896). Neither changes a classification.
TEST_CASE("catalog throughput reproduces the known TPP of each reference part") {
  struct Expect {
    const char* id;
    const char* tpp;
  };
  for (const Expect& e : {Expect{"nvidia-a100-sxm4-80gb", "4992"},
                          {"nvidia-a800-sxm4-80gb", "4992"},
                          {"nvidia-h100-sxm5", "15832"},
                          {"nvidia-h800-sxm5", "15832"},
                          {"nvidia-h100-pcie", "12104"},
                          {"nvidia-h200-sxm", "15832"},
                          {"nvidia-h20", "2368"},
                          {"nvidia-l20", "1913.6"},
                          {"nvidia-l40s", "5864"},
                          {"nvidia-l4", "1940"},
                          {"nvidia-b200", "36000"},
                          {"nvidia-geforce-rtx-4090", "5284.8"},
                          {"nvidia-geforce-rtx-4090d", "4706.8"},
                          {"amd-instinct-mi210", "2899.2"},
                          {"amd-instinct-mi250x", "6128"},
                          {"amd-instinct-mi300x", "20919.2"}}) {
    CHECK_MESSAGE(Tpp(Part(e.id).spec).ToString(4) == std::string(e.tpp), std::string(e.id));
  }
}

TEST_CASE("catalog figures put the boundary parts on the intended side of the thresholds") {
  // RTX 4090 D was cut down to stay under TPP 4800; the plain 4090 is over it.
  CHECK(Tpp(Part("nvidia-geforce-rtx-4090d").spec) < Rational(4800));
  CHECK(Tpp(Part("nvidia-geforce-rtx-4090").spec) >= Rational(4800));
  CHECK_FALSE(*Part("nvidia-geforce-rtx-4090").spec.datacenter);
  CHECK_FALSE(*Part("nvidia-geforce-rtx-4090d").spec.datacenter);
  // L20: below 3A090.b (PD under 3.2); L4: caught by PD alone (5.92 or more).
  const ItemSpec& l20 = Part("nvidia-l20").spec;
  CHECK(Tpp(l20) / *l20.die_area_mm2 < Num("3.2"));
  CHECK(Tpp(l20) / *l20.die_area_mm2 > Num("3.1"));
  const ItemSpec& l4 = Part("nvidia-l4").spec;
  CHECK(Tpp(l4) < Rational(4800));
  CHECK(Tpp(l4) / *l4.die_area_mm2 >= Num("5.92"));
  // MI210: the 3A090.b band (PD from 1.6 to under 5.92).
  const ItemSpec& mi210 = Part("amd-instinct-mi210").spec;
  CHECK(Tpp(mi210) / *mi210.die_area_mm2 >= Num("1.6"));
  CHECK(Tpp(mi210) / *mi210.die_area_mm2 < Num("5.92"));
  // A800 and H800 kept their compute and lost interconnect.
  CHECK(*Part("nvidia-a800-sxm4-80gb").spec.interconnect_gbps == Rational(400));
  CHECK(*Part("nvidia-h800-sxm5").spec.interconnect_gbps == Rational(400));
  CHECK(*Part("nvidia-h100-sxm5").spec.interconnect_gbps == Rational(900));
  CHECK(*Part("nvidia-geforce-rtx-4090").spec.interconnect_gbps == Rational(0));
}

TEST_CASE("a sparse-only datasheet figure is recorded as sparse so the engine halves it") {
  const ItemSpec& h100 = Part("nvidia-h100-pcie").spec;
  bool found = false;
  for (const Throughput& t : h100.throughput) {
    if (t.precision != "FP8") continue;
    found = true;
    CHECK(t.tops == Rational(3026));
    CHECK(t.sparse);
    CHECK(t.provenance.basis == Provenance::Basis::kPublished);
  }
  CHECK(found);
}

TEST_CASE("lookup ignores case, punctuation, spacing, vendor and marketing words") {
  for (const char* q :
       {"NVIDIA H100 SXM5", "H100 SXM5", "H100 SXM", "h100 sxm5", "H100-SXM5", "H100SXM5",
        "nvidia-h100-sxm5", "NVIDIA H100 Tensor Core GPU SXM5", "  h100   sxm  "}) {
    CAPTURE(q);
    CHECK(FindId(q) == "nvidia-h100-sxm5");
  }
  for (const char* q :
       {"NVIDIA GeForce RTX 4090", "GeForce RTX 4090", "RTX 4090", "rtx4090", "RTX-4090"}) {
    CAPTURE(q);
    CHECK(FindId(q) == "nvidia-geforce-rtx-4090");
  }
  for (const char* q :
       {"RTX 4090D", "RTX 4090 D", "NVIDIA GeForce RTX 4090 D", "geforce rtx 4090d"}) {
    CAPTURE(q);
    CHECK(FindId(q) == "nvidia-geforce-rtx-4090d");
  }
  CHECK(FindId("AMD Instinct MI300X") == "amd-instinct-mi300x");
  CHECK(FindId("MI300X") == "amd-instinct-mi300x");
  CHECK(FindId("AMD Radeon Instinct MI250X") == "amd-instinct-mi250x");
  CHECK(FindId("MI308") == "amd-instinct-mi308x");
  CHECK(FindId("Huawei Ascend 910B") == "huawei-ascend-910b");
  CHECK(FindId("ascend910c") == "huawei-ascend-910c");
  CHECK(FindId("Intel Gaudi 3") == "intel-gaudi-3");
  CHECK(FindId("Habana Gaudi2") == "intel-gaudi-2");
  CHECK(FindId("NVIDIA A100 SXM4 80GB") == "nvidia-a100-sxm4-80gb");
  CHECK(FindId("Tesla A100 SXM") == "nvidia-a100-sxm4-80gb");
  CHECK(FindId("NVIDIA Data Center GPU L4") == "nvidia-l4");
  CHECK(FindId("H20") == "nvidia-h20");
}

TEST_CASE("lookup accepts the first words of a name when only one part has them") {
  CHECK(FindId("H200") == "nvidia-h200-sxm");
  CHECK(FindId("A100") == "nvidia-a100-sxm4-80gb");
  CHECK(FindId("H800") == "nvidia-h800-sxm5");
}

TEST_CASE("an ambiguous part name is refused and names the candidates") {
  Result<const CatalogPart*> r = Bundled().Find("H100");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().IsInvalidArgument());
  CHECK(r.status().message() == "ambiguous part 'H100': H100 SXM5, H100 PCIe");

  r = Bundled().Find("Gaudi");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == "ambiguous part 'Gaudi': Gaudi 2, Gaudi 3");
}

TEST_CASE("an unknown part is NotFound with the closest catalog parts") {
  // L40 is a different chip from the L40S: a prefix of a word must not match.
  Result<const CatalogPart*> r = Bundled().Find("L40");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().IsNotFound());
  CHECK(r.status().message().rfind("unknown part 'L40'; closest catalog parts: ", 0) == 0);
  CHECK(r.status().message().find("L40S") != std::string::npos);

  // A part of a known family is suggested first, ahead of a closer spelling of another family.
  r = Bundled().Find("A100 PCIe");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().IsNotFound());
  CHECK(r.status().message().find("closest catalog parts: A100 SXM4 80GB, ") != std::string::npos);

  CHECK(Bundled().Find("Ascend 910").status().IsNotFound());
  CHECK(Bundled().Find("NVIDIA").status().IsInvalidArgument());  // no model words at all
  CHECK(Bundled().Closest("H100 NVL", 2).size() == 2);
  CHECK(Bundled().Closest("H100 NVL", 2).front()->name.rfind("H100", 0) == 0);
}

TEST_CASE("malformed XML is reported with the file and line") {
  std::string path;
  Status s = LoadText(
      "<?xml version=\"1.0\"?>\n<catalog version=\"2026-01-01\">\n  <part id=\"x\"\n", &path);
  CHECK(s.IsInvalidArgument());
  CHECK(s.message().rfind(path + ":", 0) == 0);
  CHECK(s.message().find("malformed XML") != std::string::npos);
}

TEST_CASE("an unknown attribute is reported with its line, not ignored") {
  std::string path;
  Status s = LoadText(Wrap(R"(  <part id="acme-x1" vendor="Acme" name="X1">
    <throughput precision="FP8" bits="8" tops="100" basis="published" souce="datasheet"/>
  </part>
)"),
                      &path);
  CHECK(s.IsInvalidArgument());
  CHECK(s.message() == path + ":4: unknown attribute 'souce' on <throughput>");
}

TEST_CASE("a number that Rational cannot parse is reported with its attribute") {
  std::string path;
  Status s =
      LoadText(Wrap("  <part id=\"a\" vendor=\"V\" name=\"N\">\n"
                    "    <throughput precision=\"FP8\" bits=\"8\" tops=\"1\" basis=\"published\""
                    " source=\"x\"/>\n"
                    "    <figure name=\"die_area_mm2\" value=\"12,5\" basis=\"published\""
                    " source=\"x\"/>\n"
                    "  </part>\n"),
               &path);
  CHECK(s.IsInvalidArgument());
  CHECK(s.message().rfind(path + ":5: bad number '12,5' in attribute 'value'", 0) == 0);
}

TEST_CASE("catalog validation rejects incomplete or inconsistent entries") {
  CHECK(LoadText(Wrap(kGoodPart)).ok());
  struct Case {
    const char* parts;
    const char* expected;  // part of the message
  };
  const Case cases[] = {
      {R"(<part id="a" vendor="V" name="N">)"
       R"(<throughput precision="FP8" bits="8" tops="1" basis="published"/></part>)",
       "needs a non-empty 'source'"},
      {R"(<part id="a" vendor="V" name="N">)"
       R"(<figure name="die_area_mm2" value="1" basis="guessed" source="s"/></part>)",
       "basis must be published, estimated or computed"},
      {R"(<part id="a" vendor="V" name="N">)"
       R"(<figure name="die_size" value="1" basis="published" source="s"/></part>)",
       "unknown figure 'die_size'"},
      {R"(<part id="a" vendor="V" name="N">)"
       R"(<figure name="die_area_mm2" value="0" basis="published" source="s"/></part>)",
       "must be greater than zero"},
      {R"(<part id="a" vendor="V" name="N">)"
       R"(<throughput precision="FP8" bits="eight" tops="1" basis="published" source="s"/>)"
       R"(</part>)",
       "'bits' must be a positive integer"},
      {R"(<part id="A_1" vendor="V" name="N"/>)", "not kebab-case"},
      {R"(<part id="a" vendor="V" name="N" datacenter="true"/>)", "datacenter_source"},
      {R"(<part id="a" vendor="V" name="N"><spec/></part>)", "unknown element <spec>"},
      {R"(<part id="a" vendor="V" name="X1"/><part id="b" vendor="V" name="X 1"/>)",
       "share the spelling 'x1'"},
      {"", "lists no <part>"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.parts));
    Status s = LoadText(Wrap(c.parts));
    CHECK(s.IsInvalidArgument());
    CHECK_MESSAGE(s.message().find(c.expected) != std::string::npos, s.message());
  }
  CHECK(LoadText("<catalog/>").message().find("needs a non-empty 'version'") != std::string::npos);
}

TEST_CASE("a missing catalog file is an IO error, not an exception") {
  Result<Catalog> r = Catalog::Load("/nonexistent/chokepoint/accelerators.xml");
  CHECK(r.status().IsIOError());
}

}  // namespace chokepoint::data
