// The parsers on the real published files in ../shared/data/lists (skipped when absent), and
// format detection on real files and fixtures.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include "data/lists/list_test_util.h"

namespace chokepoint::data::testing {
namespace {

namespace fs = std::filesystem;
using chokepoint::testing::SharedPath;

std::optional<std::string> Lists() {
  std::optional<std::string> dir = SharedPath("data/lists");
  return dir ? std::optional<std::string>(*dir + "/") : std::nullopt;
}

std::map<std::string, int> CountBy(const Parsed& p, std::string ListEntry::*field) {
  std::map<std::string, int> counts;
  for (const ListEntry& e : p.entries) ++counts[e.*field];
  return counts;
}

std::map<PartyType, int> CountTypes(const Parsed& p) {
  std::map<PartyType, int> counts;
  for (const ListEntry& e : p.entries) ++counts[e.type];
  return counts;
}

TEST_CASE("Real csl.csv: 4,227 data rows give 4,226 entries with the documented sources") {
  std::optional<std::string> dir = Lists();
  if (!dir) return;
  Parsed p = Parse({*dir + "us_csl/csl.csv"}, ListFormat::kCslCsv);
  CHECK_OK(p.status);
  CHECK(p.report.rows_read == 4227);
  CHECK(p.report.entries == 4226);
  CHECK(p.report.rows_skipped == 1);
  REQUIRE(p.report.issues.size() == 1);
  // The last row is cut off inside its quoted address: SOURCES.md's SDN 1,738 counts it.
  CHECK(p.report.issues[0].ToString() ==
        "csl.csv:4233: field 'addresses': unterminated quoted field: the row runs to the end of "
        "the file");
  CHECK(CountBy(p, &ListEntry::source_code) == std::map<std::string, int>{{"SDN", 1737},
                                                                          {"EL", 919},
                                                                          {"DPL", 577},
                                                                          {"SSI", 288},
                                                                          {"UVL", 186},
                                                                          {"ISN", 144},
                                                                          {"DTC", 142},
                                                                          {"PLC", 78},
                                                                          {"MEU", 71},
                                                                          {"CMIC", 68},
                                                                          {"MBS", 14},
                                                                          {"FSE", 1},
                                                                          {"CAP", 1}});

  const ListEntry* nudt = p.FindName("National University of Defense Technology (NUDT)");
  REQUIRE(nudt);
  CHECK(nudt->source == "Entity List");
  CHECK(nudt->start_date == Date::FromYmd(2015, 2, 18));
  CHECK(HasAlias(*nudt, "Central South CAD Center", kStrong));
  CHECK(HasAlias(*nudt, "Hunan Guofang Keji University", kStrong));
  CHECK(nudt->federal_register_notice == "80 FR 8524; 84 FR 29373; 87 FR 38925; 87 FR 62202");
  CHECK(nudt->license_policy == "Presumption of denial.");
  REQUIRE(nudt->addresses.size() == 8);
  for (const ListAddress& a : nudt->addresses) {
    CHECK(a.country == "CN");
    CHECK(a.text.find("Changsha") != std::string::npos);
  }
  const ListEntry* huawei = p.FindName("HUAWEI TECHNOLOGIES CO., LTD.");
  REQUIRE(huawei);
  CHECK(huawei->source_code == "CMIC");
  CHECK_FALSE(huawei->start_date);
}

TEST_CASE("Real OFAC SDN set: 14,965 entries by type; later supplements partly unmatched") {
  std::optional<std::string> dir = Lists();
  if (!dir) return;
  std::string sdn = *dir + "ofac_sdn/sdn.csv";
  std::string sup = *dir + "ofac_sdn_supplements/";
  Parsed p =
      Parse({sdn, sup + "add.csv", sup + "alt.csv", sup + "sdn_comments.csv"}, ListFormat::kSdnCsv);
  CHECK_OK(p.status);
  CHECK(p.report.rows_read == 14965);
  CHECK(p.report.entries == 14965);
  CHECK(p.report.rows_skipped == 0);
  CHECK(CountTypes(p) == std::map<PartyType, int>{{PartyType::kEntity, 6884},
                                                  {PartyType::kIndividual, 6854},
                                                  {PartyType::kVessel, 851},
                                                  {PartyType::kAircraft, 376}});
  CHECK(p.report.supplement_rows == 22641 + 19486 + 21);
  // add.csv, alt.csv and sdn_comments.csv are from about 2025-01, sdn.csv from 2024-05.
  CHECK(p.report.supplement_rows_unmatched == 2474 + 1468 + 2);
  MESSAGE("sdn-csv: " << p.report.supplement_rows_unmatched << " of " << p.report.supplement_rows
                      << " supplement rows name no sdn.csv entry");
  for (const ImportIssue& issue : p.report.issues) MESSAGE(issue.ToString());

  Parsed alt = Parse({sdn, sup + "alt.csv"}, ListFormat::kSdnCsv);
  CHECK(alt.report.supplement_rows == 19486);
  CHECK(alt.report.supplement_rows_unmatched == 1468);
  Parsed add = Parse({sdn, sup + "add.csv"}, ListFormat::kSdnCsv);
  CHECK(add.report.supplement_rows == 22641);
  CHECK(add.report.supplement_rows_unmatched == 2474);

  const ListEntry* bnc = p.Find("306");
  REQUIRE(bnc);
  CHECK(bnc->name == "BANCO NACIONAL DE CUBA");
  CHECK(HasAlias(*bnc, "NATIONAL BANK OF CUBA", kStrong));
  CHECK(HasAlias(*bnc, "BNC", kWeak));
}

TEST_CASE("Real OFAC consolidated, DPL and UN files give the documented counts") {
  std::optional<std::string> dir = Lists();
  if (!dir) return;
  std::string cons = *dir + "ofac_consolidated_nonsdn/";
  Parsed c = Parse({cons + "cons_prim.csv", cons + "cons_add.csv", cons + "cons_alt.csv",
                    cons + "cons_comments.csv"},
                   ListFormat::kConsCsv);
  CHECK_OK(c.status);
  CHECK(c.report.entries == 442);
  CHECK(c.report.supplement_rows == 574 + 1073 + 10);
  CHECK(c.report.supplement_rows_unmatched == 0);
  CHECK(
      CountBy(c, &ListEntry::source_code) ==
      std::map<std::string, int>{{"SSI", 286}, {"PLC", 78}, {"CMIC", 68}, {"MBS", 9}, {"CAP", 1}});

  Parsed d = Parse({*dir + "us_bis_dpl/dpl.txt"}, ListFormat::kDplTsv);
  CHECK_OK(d.status);
  CHECK(d.report.rows_read == 665);
  // Rows of one party and order (same name and effective date) are one entry.
  CHECK(d.report.entries == 547);
  CHECK(d.report.issues.empty());

  Parsed u = Parse({*dir + "un/UN_consolidated.xml"}, ListFormat::kUnXml);
  CHECK_OK(u.status);
  CHECK(u.report.published == Date::FromYmd(2026, 2, 27));
  CHECK(CountTypes(u) ==
        std::map<PartyType, int>{{PartyType::kIndividual, 730}, {PartyType::kEntity, 273}});
  CHECK(u.report.issues.empty());
}

TEST_CASE("All real list files together parse in well under two seconds") {
  std::optional<std::string> dir = Lists();
  if (!dir) return;
  std::string sup = *dir + "ofac_sdn_supplements/", cons = *dir + "ofac_consolidated_nonsdn/";
  std::vector<std::pair<std::vector<std::string>, ListFormat>> sets = {
      {{*dir + "us_csl/csl.csv"}, ListFormat::kCslCsv},
      {{*dir + "ofac_sdn/sdn.csv", sup + "add.csv", sup + "alt.csv", sup + "sdn_comments.csv"},
       ListFormat::kSdnCsv},
      {{cons + "cons_prim.csv", cons + "cons_add.csv", cons + "cons_alt.csv",
        cons + "cons_comments.csv"},
       ListFormat::kConsCsv},
      {{*dir + "us_bis_dpl/dpl.txt"}, ListFormat::kDplTsv},
      {{*dir + "un/UN_consolidated.xml"}, ListFormat::kUnXml}};
  int64_t entries = 0;
  auto start = std::chrono::steady_clock::now();
  for (const auto& [files, format] : sets) {
    ParseReport report;
    CHECK_OK(ParseListFiles(
        files, format, false, [](ListEntry&&) { return Status::OK(); }, &report));
    entries += report.entries;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("parsed " << entries << " entries from all real list files in " << seconds << " s");
  // Speed is measured by bench/lists/list_bench, not asserted here.
}

TEST_CASE("DetectListFormat: by file name, by XML root, and by first line for renamed files") {
  CHECK(*DetectListFormat({Fixture("csl/csl.csv")}) == ListFormat::kCslCsv);
  CHECK(*DetectListFormat({Fixture("csl/csl.json")}) == ListFormat::kCslJson);
  CHECK(*DetectListFormat({Fixture("csl/csl_array.json")}) == ListFormat::kCslJson);
  std::string sdn = Fixture("ofac_sdn/");
  CHECK(*DetectListFormat({sdn + "sdn.csv", sdn + "add.csv", sdn + "alt.csv",
                           sdn + "sdn_comments.csv"}) == ListFormat::kSdnCsv);
  std::string cons = Fixture("ofac_cons/");
  CHECK(*DetectListFormat({cons + "cons_prim.csv", cons + "cons_alt.csv"}) == ListFormat::kConsCsv);
  CHECK(*DetectListFormat({Fixture("sdn_xml/sdn.xml")}) == ListFormat::kSdnXml);
  CHECK(*DetectListFormat({Fixture("dpl/dpl.txt")}) == ListFormat::kDplTsv);
  CHECK(*DetectListFormat({Fixture("un/UN_consolidated.xml")}) == ListFormat::kUnXml);

  // A mixed set is refused rather than parsed as one of them.
  Result<ListFormat> mixed = DetectListFormat({sdn + "sdn.csv", cons + "cons_prim.csv"});
  CHECK(mixed.status().IsInvalidArgument());
  CHECK(DetectListFormat({}).status().IsInvalidArgument());

  fs::path tmp = fs::temp_directory_path() / ("lists_detect_" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  auto renamed = [&](const std::string& from, const std::string& to) {
    fs::copy_file(from, tmp / to, fs::copy_options::overwrite_existing);
    return (tmp / to).string();
  };
  CHECK(*DetectListFormat({renamed(Fixture("csl/csl.csv"), "export1.dat")}) == ListFormat::kCslCsv);
  CHECK(*DetectListFormat({renamed(Fixture("dpl/dpl.txt"), "export2.dat")}) == ListFormat::kDplTsv);
  CHECK(*DetectListFormat({renamed(Fixture("ofac_sdn/sdn.csv"), "export3.dat")}) ==
        ListFormat::kSdnCsv);
  CHECK(*DetectListFormat({renamed(Fixture("un/UN_consolidated.xml"), "export4.dat")}) ==
        ListFormat::kUnXml);
  CHECK(*DetectListFormat({renamed(Fixture("sdn_xml/sdn.xml"), "list.xml")}) ==
        ListFormat::kSdnXml);
  CHECK(*DetectListFormat({renamed(Fixture("csl/csl.json"), "export5.dat")}) ==
        ListFormat::kCslJson);
  std::ofstream(tmp / "notes.txt") << "hello, world\n";
  Result<ListFormat> unknown = DetectListFormat({(tmp / "notes.txt").string()});
  CHECK(unknown.status().IsInvalidArgument());
  CHECK(unknown.status().message().find("notes.txt") != std::string::npos);
  CHECK(DetectListFormat({(tmp / "missing.dat").string()}).status().IsNotFound());
  // kAuto detects inside ParseListFiles too.
  Parsed autodetected = Parse({Fixture("un/UN_consolidated.xml")}, ListFormat::kAuto);
  CHECK(autodetected.entries.size() == 3);
  fs::remove_all(tmp);
}

TEST_CASE("DetectListFormat on the real files") {
  std::optional<std::string> dir = Lists();
  if (!dir) return;
  std::string sup = *dir + "ofac_sdn_supplements/", cons = *dir + "ofac_consolidated_nonsdn/";
  CHECK(*DetectListFormat({*dir + "us_csl/csl.csv"}) == ListFormat::kCslCsv);
  CHECK(*DetectListFormat({*dir + "ofac_sdn/sdn.csv", sup + "add.csv", sup + "alt.csv",
                           sup + "sdn_comments.csv"}) == ListFormat::kSdnCsv);
  CHECK(*DetectListFormat({cons + "cons_prim.csv", cons + "cons_add.csv", cons + "cons_alt.csv",
                           cons + "cons_comments.csv"}) == ListFormat::kConsCsv);
  CHECK(*DetectListFormat({*dir + "us_bis_dpl/dpl.txt"}) == ListFormat::kDplTsv);
  CHECK(*DetectListFormat({*dir + "un/UN_consolidated.xml"}) == ListFormat::kUnXml);
  Result<ListFormat> xlsx = DetectListFormat({*dir + "uk/UK_Sanctions_List.xlsx"});
  CHECK(xlsx.status().IsInvalidArgument());
  CHECK(xlsx.status().message().find("UK_Sanctions_List.xlsx") != std::string::npos);
}

}  // namespace
}  // namespace chokepoint::data::testing
