// chokepoint/country.h: one reader for every country spelling people, documents and lists use.
#include "chokepoint/country.h"

#include <cctype>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "chokepoint/data/csv_reader.h"
#include "chokepoint/strings.h"
#include "testutil.h"

namespace chokepoint {
namespace {

using Kind = CountryReading::Kind;

std::string Code(std::string_view text) {
  CountryReading r = ReadCountry(text);
  return r.is_country() ? r.code : "<" + r.reason + ">";
}

TEST_CASE("codes, names and trade spellings read as their alpha-2 code") {
  CHECK(Code("CN") == "CN");
  CHECK(Code("cn") == "CN");
  CHECK(Code("CHN") == "CN");
  CHECK(Code(" China ") == "CN");
  CHECK(Code("People's Republic of China") == "CN");
  CHECK(Code("Hong Kong") == "HK");
  CHECK(Code("Burma") == "MM");
  CHECK(Code("UAE") == "AE");
  CHECK(Code("Viet Nam") == "VN");
  CHECK(Code("Trinidad and Tobago") == "TT");
  CHECK(Code("Saint Kitts and Nevis") == "KN");
}

TEST_CASE("the spellings the sanctions lists write read as their code") {
  CHECK(Code("Korea, North") == "KP");
  CHECK(Code("Korea, South") == "KR");
  CHECK(Code("Democratic People's Republic of Korea") == "KP");
  CHECK(Code("Iran (Islamic Republic of)") == "IR");
  CHECK(Code("China, Hong Kong Special Administrative Region") == "HK");
  CHECK(Code("China, Macao Special Administrative Region") == "MO");
  CHECK(Code("Bahamas, The") == "BS");
  CHECK(Code("Gambia, The") == "GM");
  CHECK(Code("The Gambia") == "GM");
  CHECK(Code("Congo, Democratic Republic of the") == "CD");
  CHECK(Code("Congo, Republic of the") == "CG");
  CHECK(Code("Russian Federation") == "RU");
  CHECK(Code("Syrian Arab Republic") == "SY");
  CHECK(Code("Venezuela (Bolivarian Republic of)") == "VE");
  CHECK(Code("T\xC3\xBCrkiye") == "TR");
  CHECK(Code("Lao People's Democratic Republic") == "LA");
  CHECK(Code("C\xC3\xB4te d'Ivoire") == "CI");
  CHECK(Code("Cote d Ivoire") == "CI");
  CHECK(Code("West Bank") == "PS");
  CHECK(Code("United Kingdom of Great Britain and Northern Ireland") == "GB");
  CHECK(Code("Man, Isle of") == "IM");
  CHECK(Code("Virgin Islands, British") == "VG");
  CHECK(Code("North Macedonia, The Republic of") == "MK");
}

TEST_CASE("what is not one country is an explicit no-country answer, not an error") {
  for (const char* text :
       {"Region: Gaza", "Region: Crimea", "region: kafia kingi", "undetermined", "International",
        "Disputed", "Crimea", "crimea (occupied)", "Netherlands Antilles", "", "  "}) {
    INFO(text);
    CountryReading r = ReadCountry(text);
    CHECK(r.kind == Kind::kNoCountry);
    CHECK(r.understood());
    CHECK(r.code.empty());
    CHECK_FALSE(r.reason.empty());
  }
  CHECK(ReadCountry("Region: Gaza").within == "PS");
  CHECK(ReadCountry("Region: West Bank").within == "PS");
  CHECK(ReadCountry("Region: Crimea").within.empty());
  CHECK(ReadCountry("Region: Crimea").reason == "a region, not a country");

  CountryReading unknown = ReadCountry("Atlantis");
  CHECK(unknown.kind == Kind::kUnknown);
  CHECK_FALSE(unknown.understood());
}

TEST_CASE("NormalizeCountry: the code, or an error that names the input") {
  CHECK(*NormalizeCountry("Korea, North") == "KP");
  CHECK(*NormalizeCountry("Iran (Islamic Republic of)") == "IR");
  CHECK(NormalizeCountry("Atlantis").status().message() ==
        "'Atlantis' is not a known country (use an ISO 3166-1 code such as CN, HK, SG)");
  CHECK(NormalizeCountry("Region: Crimea").status().message() ==
        "'Region: Crimea' is a region, not a country (use an ISO 3166-1 code such as CN, HK, SG)");
  CHECK(!NormalizeCountry("").ok());
  CHECK(!NormalizeCountry("undetermined").ok());
}

// ---- every spelling the real lists publish ----

std::optional<std::string> Slurp(const std::string& relative) {
  auto path = testing::SharedPath("data/lists/" + relative);
  if (!path) return std::nullopt;
  std::ifstream in(*path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<std::string> Split(std::string_view text, char sep) {
  std::vector<std::string> out;
  for (size_t start = 0;;) {
    size_t end = text.find(sep, start);
    std::string piece = Trim(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (!piece.empty()) out.push_back(std::move(piece));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::string XmlText(std::string text) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&apos;", "'"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
  for (const auto& [from, to] : kEntities) {
    for (size_t pos; (pos = text.find(from)) != std::string::npos;) {
      text.replace(pos, std::string_view(from).size(), to);
    }
  }
  return Trim(text);
}

// A US state where a country belongs: CSL addresses without a country end in the state
// ("..., 88021, NM") and one DPL row has "NM" in its Country column. The parsers keep such text as
// published; it is the publisher's slip, not a country spelling. A state code that is also a
// country code (CA, LA, MD, ...) reads as the country and is checked like any other.
bool IsUsStateOnly(const std::string& text) {
  static const std::set<std::string> kUsStates = {
      "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA",
      "ID", "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS",
      "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA",
      "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY"};
  return kUsStates.count(text) > 0 && !ReadCountry(text).is_country();
}

// Country columns of the CSL (nationalities, citizenships, the alpha-2 code that ends an address).
void FromCsl(const std::string& text, std::set<std::string>* out) {
  data::CsvReader reader(text, ',');
  data::CsvRow row;
  std::vector<std::string> header;
  while (reader.Next(&row)) {
    if (header.empty() || row.fields == header) {
      header = row.fields;  // the CSL repeats its header line
      continue;
    }
    auto column = [&](std::string_view name) -> std::string {
      for (size_t i = 0; i < header.size() && i < row.fields.size(); ++i) {
        if (header[i] == name) return row.fields[i];
      }
      return "";
    };
    for (const char* name : {"nationalities", "citizenships"}) {
      for (std::string& c : Split(column(name), ';')) out->insert(std::move(c));
    }
    for (const std::string& address : Split(column("addresses"), ';')) {
      std::string last = Trim(std::string_view(address).substr(address.rfind(',') + 1));
      // The last part is the country when it is a code.
      if (last.size() == 2 && std::isupper(static_cast<unsigned char>(last[0])) &&
          std::isupper(static_cast<unsigned char>(last[1]))) {
        out->insert(last);
      }
    }
  }
}

// OFAC's address supplement: ent_num, add_num, address, city, country, remarks; "-0-" is null.
void FromOfacAddresses(const std::string& text, std::set<std::string>* out) {
  data::CsvReader reader(text, ',');
  data::CsvRow row;
  while (reader.Next(&row)) {
    if (row.fields.size() < 5) continue;
    std::string country = Trim(row.fields[4]);
    if (!country.empty() && country != "-0-") out->insert(country);
  }
}

void FromUn(const std::string& text, std::set<std::string>* out) {
  for (const char* tag : {"COUNTRY", "COUNTRY_OF_ISSUE", "ISSUING_COUNTRY"}) {
    const std::string open = "<" + std::string(tag) + ">", close = "</" + std::string(tag) + ">";
    for (size_t pos = 0; (pos = text.find(open, pos)) != std::string::npos;) {
      pos += open.size();
      size_t end = text.find(close, pos);
      if (end == std::string::npos) break;
      std::string value = XmlText(text.substr(pos, end - pos));
      if (!value.empty()) out->insert(value);
    }
  }
}

void FromDpl(const std::string& text, std::set<std::string>* out) {
  data::CsvReader reader(text, '\t');
  data::CsvRow row;
  int country = -1;
  while (reader.Next(&row)) {
    if (country < 0) {
      for (size_t i = 0; i < row.fields.size(); ++i) {
        if (row.fields[i] == "Country") country = static_cast<int>(i);
      }
      if (country < 0) return;
      continue;
    }
    if (static_cast<size_t>(country) >= row.fields.size()) continue;
    std::string value = Trim(row.fields[static_cast<size_t>(country)]);
    if (!value.empty()) out->insert(value);
  }
}

TEST_CASE("every country spelling in the real lists is understood") {
  struct Source {
    const char* file;
    void (*collect)(const std::string&, std::set<std::string>*);
  };
  const Source sources[] = {{"us_csl/csl.csv", FromCsl},
                            {"ofac_sdn_supplements/add.csv", FromOfacAddresses},
                            {"ofac_consolidated_nonsdn/cons_add.csv", FromOfacAddresses},
                            {"un/UN_consolidated.xml", FromUn},
                            {"us_bis_dpl/dpl.txt", FromDpl}};
  size_t files = 0, spellings = 0;
  for (const Source& source : sources) {
    auto text = Slurp(source.file);
    if (!text) continue;
    ++files;
    std::set<std::string> found;
    source.collect(*text, &found);
    CHECK_MESSAGE(!found.empty(), std::string(source.file) << ": no country fields found");
    for (const std::string& spelling : found) {
      if (IsUsStateOnly(spelling)) continue;
      INFO(std::string(source.file) << ": '" << spelling << "'");
      CountryReading r = ReadCountry(spelling);
      CHECK(r.understood());
      if (spelling.size() == 2 && r.is_country()) CHECK(r.code == spelling);
    }
    spellings += found.size();
  }
  if (files > 0) MESSAGE(spellings << " distinct country spellings in " << files << " list files");
}

}  // namespace
}  // namespace chokepoint
