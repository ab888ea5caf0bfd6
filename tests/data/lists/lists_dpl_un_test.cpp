// The BIS Denied Persons and UN parsers on fixtures, and the behaviour every format shares.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "data/lists/list_test_util.h"

namespace chokepoint::data::testing {
namespace {

namespace fs = std::filesystem;

TEST_CASE("DPL: one entry per party and order, its rows' addresses together, a derived id") {
  Parsed p = Parse({Fixture("dpl/dpl.txt")}, ListFormat::kDplTsv);
  CHECK_OK(p.status);
  CHECK(p.report.rows_read == 6);
  CHECK(p.report.entries == 4);
  CHECK(p.report.rows_skipped == 1);
  CHECK(IssueTexts(p.report) ==
        std::vector<std::string>{
            "dpl.txt:6: the row has 3 fields; the header has 12",
            "dpl.txt:7: field 'Effective_Date': '2023/06/10' is not an MM/DD/YYYY date"});

  const ListEntry* air = p.FindName("AIR EXAMPLE LTD");
  REQUIRE(air);
  CHECK(air->source == "Denied Persons List");
  CHECK(air->source_code == "DPL");
  CHECK(air->type == PartyType::kUnknown);  // BIS does not say person or company
  CHECK(air->list_id.rfind("DPL-", 0) == 0);
  CHECK(air->list_id.size() == 20);
  REQUIRE(air->addresses.size() == 2);
  CHECK(air->addresses[0].city == "DUBAI");
  CHECK(air->Countries() == std::vector<std::string>{"AE", "IQ"});
  CHECK(air->start_date == Date::FromYmd(2023, 10, 31));
  CHECK(air->end_date == Date::FromYmd(2024, 10, 30));
  // Both spellings of the citation are kept: one of them has a typo, neither is ours to fix.
  CHECK(air->federal_register_notice == "88 F.R. 75545 11/3/2023; 88 F.R.75545 11/3/2023");
  CHECK(air->remarks == "RENEWAL");

  // The id depends only on name and effective date, so re-parsing gives the same one.
  Parsed again = Parse({Fixture("dpl/dpl.txt")}, ListFormat::kDplTsv);
  CHECK(again.FindName("AIR EXAMPLE LTD")->list_id == air->list_id);

  const ListEntry* ash = p.FindName("I. EXAMPLE");  // published with a leading space
  REQUIRE(ash);
  CHECK(ash->start_date == Date::FromYmd(2003, 6, 19));
  CHECK(ash->addresses[0].region == "TX");
  CHECK(ash->addresses[0].postal_code == "75159");
  CHECK(ash->federal_register_notice == "68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06");

  const ListEntry* sammy = p.FindName("SAMI \"SAMMY\" EXAMPLE");  // doubled quotes unescaped
  REQUIRE(sammy);
  CHECK_FALSE(sammy->end_date);  // no expiration: the order stays in force
  CHECK(sammy->addresses[0].country.empty());

  const ListEntry* shenzhen = p.FindName("SHENZHEN EXAMPLE CO");
  REQUIRE(shenzhen);
  CHECK_FALSE(shenzhen->start_date);
  CHECK(shenzhen->addresses[0].country == "CN");  // "PRC"

  CHECK(Parse({Fixture("dpl/dpl.txt")}, ListFormat::kDplTsv, true).status.message() ==
        "dpl.txt:6: the row has 3 fields; the header has 12");
}

TEST_CASE("DPL: a party's rows apart from each other still get distinct ids, with a note") {
  fs::path tmp = fs::temp_directory_path() / ("lists_dpl_" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  std::string header =
      "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t"
      "\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t"
      "\"Action\"\t\"FR_Citation\"\n";
  auto row = [](const std::string& name, const std::string& city) {
    return "\"" + name + "\"\t\"1 Road\"\t\"" + city +
           "\"\t\"\"\t\"AE\"\t\"\"\t\"10/31/2023\"\t\"10/30/2024\"\t\"Y\"\t\"2023-11-03\"\t"
           "\"RENEWAL\"\t\"88 F.R. 75545\"\n";
  };
  std::ofstream(tmp / "dpl.txt") << header << row("ALPHA LTD", "DUBAI") << row("BETA LTD", "DUBAI")
                                 << row("ALPHA LTD", "SHARJAH");
  Parsed p = Parse({(tmp / "dpl.txt").string()}, ListFormat::kDplTsv);
  fs::remove_all(tmp);
  CHECK_OK(p.status);
  REQUIRE(p.entries.size() == 3);
  CHECK(p.entries[2].list_id == p.entries[0].list_id + "-2");
  CHECK(p.report.rows_skipped == 0);
  REQUIRE(p.report.issues.size() == 1);
  CHECK(p.report.issues[0].line == 4);
  CHECK(p.report.issues[0].message.find("appears again apart from its other rows") !=
        std::string::npos);
}

TEST_CASE("UN XML: individuals and entities, alias quality, DOB forms, zone on LISTED_ON") {
  Parsed p = Parse({Fixture("un/UN_consolidated.xml")}, ListFormat::kUnXml);
  CHECK_OK(p.status);
  CHECK(p.report.published == Date::FromYmd(2026, 2, 27));
  CHECK(p.report.rows_read == 4);
  CHECK(p.report.entries == 3);
  CHECK(IssueTexts(p.report) ==
        std::vector<std::string>{"UN_consolidated.xml:93: field 'DATAID': missing or empty"});

  const ListEntry* gaston = p.Find("6907995");
  REQUIRE(gaston);
  CHECK(gaston->source == "UN Security Council Consolidated List");
  CHECK(gaston->source_code == "UN");
  CHECK(gaston->type == PartyType::kIndividual);
  CHECK(gaston->name == "GASTON IYAMUREMYE");
  CHECK(gaston->programs == std::vector<std::string>{"DRC"});
  CHECK(HasAlias(*gaston, "Rumuli", kWeak));
  CHECK(HasAlias(*gaston, "Victor Rumuri", kStrong));
  CHECK(gaston->aliases.size() == 2);  // the empty alias element adds nothing
  CHECK(gaston->dates_of_birth == std::vector<std::string>{"1948", "1955 to 1958"});
  CHECK(gaston->nationalities == std::vector<std::string>{"RW"});
  CHECK(gaston->start_date == Date::FromYmd(2010, 12, 1));
  REQUIRE(gaston->addresses.size() == 1);
  CHECK(gaston->addresses[0].region == "North Kivu Province");
  CHECK(gaston->addresses[0].country == "CD");
  CHECK(HasId(*gaston, "UN Reference Number", "CDi.003"));
  CHECK(gaston->remarks.find("Designation: FDLR Interim President") != std::string::npos);

  const ListEntry* ali = p.Find("110001");
  REQUIRE(ali);
  CHECK(ali->name == "EXAMPLE ALI HASSAN");
  CHECK(HasAlias(*ali, "مثال علي حسن", kStrong));       // the name in its original script
  CHECK(ali->start_date == Date::FromYmd(2015, 4, 7));  // "2015-04-07-04:00"
  CHECK(ali->dates_of_birth == std::vector<std::string>{"1978-04-28", "circa 1966"});
  CHECK(ali->nationalities == std::vector<std::string>{"IR"});  // "Iran (Islamic Republic of)"
  CHECK(HasId(*ali, "Passport", "D9001234", "IR"));
  CHECK(ali->addresses[0].country == "GB");
  CHECK(ali->addresses[0].postal_code == "W1W 8RP");

  const ListEntry* adf = p.Find("6908402");
  REQUIRE(adf);
  CHECK(adf->type == PartyType::kEntity);
  CHECK(HasAlias(*adf, "Allied Democratic Forces", kStrong));
  CHECK(HasAlias(*adf, "NALU", kStrong));  // entities' QUALITY is "a.k.a."/"f.k.a."
  CHECK(adf->addresses[0].region == "North Kivu");
}

TEST_CASE("A sink error ends the parse and is returned unchanged") {
  for (auto [file, format] : {std::pair{"csl/csl.csv", ListFormat::kCslCsv},
                              std::pair{"csl/csl.json", ListFormat::kCslJson},
                              std::pair{"ofac_sdn/sdn.csv", ListFormat::kSdnCsv},
                              std::pair{"sdn_xml/sdn.xml", ListFormat::kSdnXml},
                              std::pair{"dpl/dpl.txt", ListFormat::kDplTsv},
                              std::pair{"un/UN_consolidated.xml", ListFormat::kUnXml}}) {
    int calls = 0;
    ParseReport report;
    Status s = ParseListFiles(
        {Fixture(file)}, format, false,
        [&](ListEntry&&) {
          ++calls;
          return Status::IOError("disk full");
        },
        &report);
    CHECK_MESSAGE(s.IsIOError(), file);
    CHECK(calls == 1);
    CHECK(report.entries == 0);
  }
}

TEST_CASE("Unreadable and wrong-shaped input is an error value, never an exception") {
  auto sink = [](ListEntry&&) { return Status::OK(); };
  CHECK(ParseListFiles({"/nonexistent/csl.csv"}, ListFormat::kCslCsv, false, sink, nullptr)
            .IsNotFound());
  CHECK(ParseListFiles({}, ListFormat::kCslCsv, false, sink, nullptr).IsInvalidArgument());
  CHECK(ParseListFiles({Fixture("csl/csl.csv"), Fixture("csl/csl.csv")}, ListFormat::kCslCsv, false,
                       sink, nullptr)
            .IsInvalidArgument());
  // The wrong parser for a file fails cleanly with a message naming it.
  Status xml_as_json = ParseListFiles({Fixture("un/UN_consolidated.xml")}, ListFormat::kCslJson,
                                      false, sink, nullptr);
  CHECK(xml_as_json.IsInvalidArgument());
  CHECK(xml_as_json.message().rfind("UN_consolidated.xml: invalid JSON", 0) == 0);
  CHECK(ParseListFiles({Fixture("csl/csl.json")}, ListFormat::kUnXml, false, sink, nullptr)
            .IsInvalidArgument());
  CHECK(ParseListFiles({Fixture("sdn_xml/sdn.xml")}, ListFormat::kUnXml, false, sink, nullptr)
            .message() == "sdn.xml: no <CONSOLIDATED_LIST> root");
  CHECK(ParseListFiles({Fixture("dpl/dpl.txt")}, ListFormat::kCslCsv, false, sink, nullptr)
            .IsInvalidArgument());
  CHECK(ParseListFiles({Fixture("ofac_sdn/add.csv")}, ListFormat::kSdnCsv, false, sink, nullptr)
            .IsInvalidArgument());  // supplements alone
}

TEST_CASE("Format names round-trip and map to the source a snapshot replaces") {
  for (ListFormat f :
       {ListFormat::kCslCsv, ListFormat::kCslJson, ListFormat::kSdnCsv, ListFormat::kSdnXml,
        ListFormat::kConsCsv, ListFormat::kDplTsv, ListFormat::kUnXml, ListFormat::kAuto}) {
    CHECK(ParseListFormat(ListFormatName(f)) == f);
  }
  CHECK_FALSE(ParseListFormat("xlsx"));
  CHECK(std::string(SourceKey(ListFormat::kSdnCsv)) == "ofac-sdn");
  CHECK(std::string(SourceKey(ListFormat::kSdnXml)) == "ofac-sdn");
  CHECK(std::string(SourceKey(ListFormat::kConsCsv)) == "ofac-cons");
  CHECK(std::string(SourceKey(ListFormat::kCslJson)) == "csl");
  CHECK(std::string(SourceKey(ListFormat::kDplTsv)) == "bis-dpl");
  CHECK(std::string(SourceKey(ListFormat::kUnXml)) == "un");
  CHECK(ImportIssue{"sdn.csv", 1204, "SDN_Type", "unexpected value 'x'"}.ToString() ==
        "sdn.csv:1204: field 'SDN_Type': unexpected value 'x'");
}

}  // namespace
}  // namespace chokepoint::data::testing
