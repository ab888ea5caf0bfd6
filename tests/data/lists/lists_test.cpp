// The list parsers on small hand-made files in each real format (fixtures/lists), so these run
// in a fresh clone. Each fixture carries the quirks of the real file it imitates.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "chokepoint/data/csv_reader.h"
#include "data/lists/list_test_util.h"

namespace chokepoint::data::testing {
namespace {

namespace fs = std::filesystem;
using data::CsvReader;
using data::CsvRow;

TEST_CASE("CSV rows report the line they start on, across quoted newlines and CRLF") {
  std::string data =
      "\xEF\xBB\xBF"
      "a,\"b\r\nc\",\"say \"\"hi\"\"\"\r\n\r\n1,2,3\r\n\"open,4\x1A";
  CsvReader reader(data, ',');
  CsvRow row;
  REQUIRE(reader.Next(&row));
  CHECK(row.line == 1);
  CHECK(row.fields == std::vector<std::string>{"a", "b\r\nc", "say \"hi\""});
  REQUIRE(reader.Next(&row));
  CHECK(row.line == 4);  // line 3 is blank
  CHECK(row.fields == std::vector<std::string>{"1", "2", "3"});
  REQUIRE(reader.Next(&row));
  CHECK(row.line == 5);
  CHECK(row.error_field == 0);
  CHECK(row.error.find("unterminated") != std::string::npos);
  CHECK(row.fields[0] == "open,4");  // the 0x1A end-of-file byte is not data
  CHECK_FALSE(reader.Next(&row));
}

TEST_CASE("CSL CSV: repeated header skipped, NUDT complete, malformed rows reported by line") {
  Parsed p = Parse({Fixture("csl/csl.csv")}, ListFormat::kCslCsv);
  CHECK_OK(p.status);
  CHECK(p.report.rows_read == 9);  // line 2 repeats the header: neither data nor malformed
  CHECK(p.report.entries == 7);
  CHECK(p.report.rows_skipped == 2);
  CHECK(IssueTexts(p.report) ==
        std::vector<std::string>{
            "csl.csv:7: field 'name': the row has 5 fields; the header has 29",
            "csl.csv:11: field 'start_date': '2020-13-45' is not a YYYY-MM-DD date",
            "csl.csv:12: field 'addresses': unterminated quoted field: the row runs to the end "
            "of the file"});

  const ListEntry* nudt = p.Find("f6efc317c6d8b6ea8498388812cc12c91586cddee27b56fb37d974d5");
  REQUIRE(nudt);
  CHECK(nudt->source == "Entity List");
  CHECK(nudt->source_code == "EL");
  CHECK(nudt->type == PartyType::kUnknown);  // the CSL gives Entity List rows no type
  CHECK(nudt->name == "National University of Defense Technology (NUDT)");
  CHECK(nudt->start_date == Date::FromYmd(2015, 2, 18));
  CHECK_FALSE(nudt->end_date);
  CHECK(HasAlias(*nudt, "Central South CAD Center", kStrong));
  CHECK(HasAlias(*nudt, "CSCC", kStrong));
  CHECK(nudt->aliases.size() == 3);
  REQUIRE(nudt->addresses.size() == 3);
  CHECK(nudt->addresses[0].text ==
        "Garden Road (Metro West), Changsha City, Kaifu District, Hunan Province");
  CHECK(nudt->addresses[2].text == "Wonderful Plaza, Sanyi Avenue, Kaifu District, Changsha");
  for (const ListAddress& a : nudt->addresses) CHECK(a.country == "CN");
  CHECK(nudt->federal_register_notice == "80 FR 8524; 84 FR 29373; 87 FR 38925; 87 FR 62202");
  CHECK(nudt->license_policy == "Presumption of denial.");
  CHECK(nudt->license_requirement.find("744.11") != std::string::npos);
  CHECK(nudt->source_url.find("entity-list") != std::string::npos);

  // The row whose address holds a newline starts on line 5 and still parses.
  const ListEntry* multi = p.Find("75e9be6aa2434904b08d420ecf2af609");
  REQUIRE(multi);
  REQUIRE(multi->addresses.size() == 1);
  CHECK(multi->addresses[0].text ==
        "Room 717, Building 41, No.8633 Zhongchun Road, Minhang District, Shanghai, China");
  // A bad date drops the date, not the party.
  const ListEntry* meu = p.Find("dcc74203");
  REQUIRE(meu);
  CHECK(meu->source == "Military End User List");
  CHECK_FALSE(meu->start_date);
}

TEST_CASE("CSL CSV: an SDN individual, a vessel, a DPL and an SSI row map every column") {
  Parsed p = Parse({Fixture("csl/csl.csv")}, ListFormat::kCslCsv);
  const ListEntry* person = p.Find("17001");
  REQUIRE(person);
  CHECK(person->source == "SDN");
  CHECK(person->source_code == "SDN");
  CHECK(person->type == PartyType::kIndividual);
  CHECK(person->name == "KARIMI-EXAMPLE, Reza");  // "LAST, First" as published
  CHECK(person->programs == std::vector<std::string>{"SDGT", "IRGC"});
  CHECK(HasAlias(*person, "KARIMY-EXAMPLE, Reza", kStrong));
  CHECK(person->dates_of_birth == std::vector<std::string>{"1962-08-11", "1960", "circa 1958"});
  CHECK(person->nationalities == std::vector<std::string>{"IR"});
  CHECK(HasId(*person, "Passport", "A1234567", "IR"));
  CHECK(HasId(*person, "Website", "www.example.ir"));
  CHECK(person->remarks.find("Title: Commander") != std::string::npos);
  CHECK(person->remarks.find("Place of birth: Tehran, Iran") != std::string::npos);

  const ListEntry* vessel = p.Find("15036");
  REQUIRE(vessel);
  CHECK(vessel->type == PartyType::kVessel);
  CHECK(HasId(*vessel, "Call Sign", "CL2192"));
  CHECK(vessel->remarks.find("Vessel type: Tug") != std::string::npos);

  const ListEntry* dpl = p.Find("278be3e0");
  REQUIRE(dpl);
  CHECK(dpl->source_code == "DPL");
  CHECK(dpl->end_date == Date::FromYmd(2026, 1, 14));
  REQUIRE(dpl->addresses.size() == 1);
  CHECK(dpl->addresses[0].country.empty());  // "..., TX, 79905" ends in no country code

  const ListEntry* ssi = p.Find("17013");
  REQUIRE(ssi);
  CHECK(ssi->source == "Sectoral Sanctions Identifications List");
  CHECK(ssi->programs == std::vector<std::string>{"UKRAINE-EO13662", "RUSSIA-EO14024"});
  CHECK(ssi->addresses.size() == 2);
  CHECK(ssi->Countries() == std::vector<std::string>{"RU"});
}

TEST_CASE("CSL CSV: strict mode fails on the first malformed row, naming file, line and field") {
  Parsed p = Parse({Fixture("csl/csl.csv")}, ListFormat::kCslCsv, /*strict=*/true);
  CHECK(p.status.IsInvalidArgument());
  CHECK(p.status.message() == "csl.csv:7: field 'name': the row has 5 fields; the header has 29");
  CHECK(p.entries.size() == 3);  // the rows before it were already delivered
}

TEST_CASE("CSL JSON: the API envelope and a bare array both stream results") {
  Parsed p = Parse({Fixture("csl/csl.json")}, ListFormat::kCslJson);
  CHECK_OK(p.status);
  CHECK(p.report.rows_read == 4);
  CHECK(p.report.entries == 3);
  CHECK(p.report.rows_skipped == 1);
  CHECK(IssueTexts(p.report) ==
        std::vector<std::string>{"csl.json: field 'name': result 2: empty name",
                                 "csl.json: field 'start_date': result 3: '18/02/2015' is not a "
                                 "YYYY-MM-DD date"});
  const ListEntry* nudt = p.FindName("National University of Defense Technology (NUDT)");
  REQUIRE(nudt);
  CHECK(nudt->start_date == Date::FromYmd(2015, 2, 18));
  CHECK(HasAlias(*nudt, "Central South CAD Center", kStrong));
  REQUIRE(nudt->addresses.size() == 2);
  CHECK(nudt->addresses[0].city == "Changsha City");
  CHECK(nudt->addresses[0].region == "Hunan Province");
  CHECK(nudt->addresses[0].country == "CN");
  const ListEntry* person = p.Find("SDN-17001");
  REQUIRE(person);
  CHECK(person->type == PartyType::kIndividual);
  CHECK(person->programs == std::vector<std::string>{"SDGT", "IRGC"});
  CHECK(person->dates_of_birth == std::vector<std::string>{"1962-08-11"});
  CHECK(HasId(*person, "Passport", "A1234567", "IR"));

  Parsed array = Parse({Fixture("csl/csl_array.json")}, ListFormat::kCslJson);
  CHECK_OK(array.status);
  REQUIRE(array.entries.size() == 2);
  CHECK(array.entries[0].source == "ITAR Debarred");
  CHECK(array.entries[0].source_code == "DTC");
  CHECK(array.entries[1].source_code == "ISN");
  CHECK(array.entries[1].programs == std::vector<std::string>{"INKSNA"});

  Parsed strict = Parse({Fixture("csl/csl.json")}, ListFormat::kCslJson, true);
  CHECK(strict.status.message() == "csl.json: field 'name': result 2: empty name");
}

TEST_CASE("OFAC SDN CSV set: supplements merged, -0- blank, 0x1A ignored, overflow re-joined") {
  std::string dir = Fixture("ofac_sdn/");
  Parsed p = Parse({dir + "sdn.csv", dir + "add.csv", dir + "alt.csv", dir + "sdn_comments.csv"},
                   ListFormat::kSdnCsv);
  CHECK_OK(p.status);
  CHECK(p.report.rows_read == 7);
  CHECK(p.report.entries == 6);
  CHECK(p.report.rows_skipped == 1);
  CHECK(p.report.supplement_rows == 15);

  const ListEntry* cuba = p.Find("36");
  REQUIRE(cuba);
  CHECK(cuba->source == "SDN");
  CHECK(cuba->type == PartyType::kEntity);  // a null SDN_Type is an entity
  CHECK(cuba->remarks.empty());             // "-0- " is null, not text
  CHECK(HasAlias(*cuba, "AERO-CARIBBEAN", kStrong));
  REQUIRE(cuba->addresses.size() == 1);
  CHECK(cuba->addresses[0].city == "Havana");
  CHECK(cuba->addresses[0].country == "CU");
  CHECK(cuba->source_url == "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=36");

  const ListEntry* bank = p.Find("306");
  REQUIRE(bank);
  CHECK(HasAlias(*bank, "NATIONAL BANK OF CUBA", kStrong));
  CHECK(HasAlias(*bank, "BNC", kWeak));  // OFAC's CSV keeps weak a.k.a.s in Remarks
  CHECK(bank->Countries() == std::vector<std::string>{"CH", "ES"});

  const ListEntry* person = p.Find("10001");
  REQUIRE(person);
  CHECK(person->type == PartyType::kIndividual);
  CHECK(person->name == "EXAMPLE, Ahmad Ali");
  CHECK(person->programs == std::vector<std::string>{"SDGT", "IRGC"});
  CHECK(HasAlias(*person, "EXAMPLE, Ahmed", kStrong));
  CHECK(HasAlias(*person, "ABU EXAMPLE", kWeak));
  CHECK(person->dates_of_birth == std::vector<std::string>{"1962-11-23", "1960"});
  CHECK(person->nationalities == std::vector<std::string>{"IR"});
  CHECK(HasId(*person, "Passport", "A1234567", "IR"));
  CHECK(person->ids.size() == 1);   // "Gender Male", "Linked To: ..." are not documents
  CHECK_FALSE(person->start_date);  // OFAC publishes no listing date
  CHECK(person->remarks.find("Title: Commander") != std::string::npos);

  const ListEntry* vessel = p.Find("10002");
  REQUIRE(vessel);
  CHECK(vessel->type == PartyType::kVessel);
  CHECK(HasId(*vessel, "Call Sign", "9BXX1"));
  CHECK(HasId(*vessel, "Vessel Registration Identification", "IMO 9000001"));
  CHECK(HasId(*vessel, "MMSI", "422000001"));
  CHECK(vessel->remarks.find("Vessel flag: Iran") != std::string::npos);
  CHECK(p.Find("10003")->type == PartyType::kAircraft);

  const ListEntry* trading = p.Find("10004");
  REQUIRE(trading);
  // Its Remarks stop at OFAC's 1,000-character cut; sdn_comments.csv holds the rest.
  CHECK(trading->remarks.find("Registration Number 1027700000001 (Russia)") != std::string::npos);
  CHECK(HasId(*trading, "Registration Number", "1027700000001", "RU"));
  CHECK(HasAlias(*trading, "ETL", kWeak));
  CHECK(HasAlias(*trading, "EXAMPLE TRADING OOO", kStrong));  // fka is a strong name too
  // Complete Remarks get no overflow: that row came from another publication.
  CHECK(bank->remarks == "a.k.a. 'BNC'.");
}

TEST_CASE("OFAC SDN CSV: supplement rows naming no main entry are counted, never errors") {
  std::string dir = Fixture("ofac_sdn/");
  std::vector<std::string> supplements = {dir + "alt.csv", dir + "add.csv",
                                          dir + "sdn_comments.csv"};
  std::vector<std::string> files = {dir + "sdn.csv"};
  files.insert(files.end(), supplements.begin(), supplements.end());
  Parsed p = Parse(files, ListFormat::kSdnCsv);
  CHECK(p.report.supplement_rows_unmatched == 4);
  CHECK(IssueTexts(p.report) ==
        std::vector<std::string>{
            "sdn_comments.csv:2: field 'Remarks_Extended': sdn.csv remarks of ent_num 306 are "
            "complete (13 characters); overflow not applied (from another publication?)",
            "sdn.csv:7: field 'ent_num': 'abc' is not a number",
            "alt.csv:5: field 'ent_num': 2 rows (2 ent_nums) name no entry in sdn.csv; not "
            "applied (is the supplement from another publication date?)",
            "add.csv:6: field 'ent_num': 1 row (1 ent_num) name no entry in sdn.csv; not "
            "applied (is the supplement from another publication date?)",
            "sdn_comments.csv:3: field 'ent_num': 1 row (1 ent_num) name no entry in sdn.csv; "
            "not applied (is the supplement from another publication date?)"});
  CHECK(Parse(files, ListFormat::kSdnCsv, true).status.message() ==
        "sdn.csv:7: field 'ent_num': 'abc' is not a number");

  // Without the malformed main row, strict mode accepts the unmatched supplement rows.
  std::string text;
  {
    std::ifstream in(dir + "sdn.csv", std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  fs::path tmp = fs::temp_directory_path() / ("lists_sdn_" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  std::ofstream(tmp / "sdn.csv", std::ios::binary) << text.substr(0, text.find("abc,"));
  std::vector<std::string> clean = {(tmp / "sdn.csv").string()};
  clean.insert(clean.end(), supplements.begin(), supplements.end());
  Parsed strict = Parse(clean, ListFormat::kSdnCsv, true);
  CHECK_OK(strict.status);
  CHECK(strict.entries.size() == 6);
  CHECK(strict.report.supplement_rows_unmatched == 4);
  fs::remove_all(tmp);

  Parsed alone = Parse({dir + "sdn.csv"}, ListFormat::kSdnCsv);
  CHECK(alone.report.supplement_rows == 0);
  CHECK(alone.Find("306")->addresses.empty());
}

TEST_CASE("OFAC consolidated CSV: the program decides which non-SDN list an entry is on") {
  std::string dir = Fixture("ofac_cons/");
  Parsed p = Parse({dir + "cons_prim.csv", dir + "cons_add.csv", dir + "cons_alt.csv",
                    dir + "cons_comments.csv"},
                   ListFormat::kConsCsv);
  CHECK_OK(p.status);
  REQUIRE(p.entries.size() == 6);
  CHECK(p.report.supplement_rows_unmatched == 0);
  CHECK(p.Find("9639")->source == "Palestinian Legislative Council List");
  CHECK(p.Find("9639")->source_code == "PLC");
  CHECK(p.Find("17013")->source == "Sectoral Sanctions Identifications List");
  CHECK(p.Find("17013")->source_code == "SSI");
  CHECK(p.Find("30882")->source_code == "CMIC");
  CHECK(p.Find("15268")->source_code == "CAP");
  CHECK(p.Find("31693")->source_code == "MBS");
  CHECK(p.Find("20001")->source_code == "FSE");
  CHECK(p.Find("9639")->addresses[0].country == "PS");  // OFAC's "Palestinian"
  CHECK(HasAlias(*p.Find("17013"), "EXAMPLE BANK OAO", kStrong));
  // Its Remarks are not cut off, so the fixture's overflow row is reported, not glued on.
  CHECK_FALSE(HasId(*p.Find("17013"), "Tax ID No.", "7702070139", "RU"));
  CHECK(IssueTexts(p.report) ==
        std::vector<std::string>{"cons_comments.csv:1: field 'Remarks_Extended': cons_prim.csv "
                                 "remarks of ent_num 17013 are complete (99 characters); "
                                 "overflow not applied (from another publication?)"});
  CHECK(HasId(*p.Find("17013"), "Website", "www.example-bank.ru"));
  CHECK(HasId(*p.Find("30882"), "Unified Social Credit Code (USCC)", "9111000071093019X7", "CN"));
  CHECK(p.Find("31693")->addresses.empty());  // an all-null address row adds nothing
}

TEST_CASE("OFAC sdn.xml: names joined LAST, First; strong and weak a.k.a.s; publish date") {
  Parsed p = Parse({Fixture("sdn_xml/sdn.xml")}, ListFormat::kSdnXml);
  CHECK_OK(p.status);
  CHECK(p.report.published == Date::FromYmd(2024, 5, 3));
  CHECK(p.report.rows_read == 4);
  CHECK(p.report.entries == 3);
  CHECK(IssueTexts(p.report) ==
        std::vector<std::string>{"sdn.xml:114: field 'lastName': missing or empty"});
  const ListEntry* bank = p.Find("306");
  REQUIRE(bank);
  CHECK(bank->type == PartyType::kEntity);
  CHECK(HasAlias(*bank, "BNC", kWeak));
  CHECK(HasAlias(*bank, "NATIONAL BANK OF CUBA", kStrong));
  REQUIRE(bank->addresses.size() == 1);
  CHECK(bank->addresses[0].postal_code == "CH-8022");
  CHECK(bank->addresses[0].country == "CH");
  const ListEntry* person = p.Find("10001");
  REQUIRE(person);
  CHECK(person->name == "EXAMPLE, Ahmad Ali");
  CHECK(HasAlias(*person, "EXAMPLE, Ahmed", kStrong));
  CHECK(person->dates_of_birth == std::vector<std::string>{"1962-11-23", "circa 1960"});
  CHECK(person->nationalities == std::vector<std::string>{"IR"});
  CHECK(HasId(*person, "Passport", "A1234567", "IR"));
  CHECK(person->programs == std::vector<std::string>{"SDGT", "IRGC"});
  CHECK(HasId(*p.Find("10002"), "Call Sign", "9BXX1"));
  CHECK(Parse({Fixture("sdn_xml/sdn.xml")}, ListFormat::kSdnXml, true).status.message() ==
        "sdn.xml:114: field 'lastName': missing or empty");
}

}  // namespace
}  // namespace chokepoint::data::testing
