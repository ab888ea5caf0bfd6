// Generated query names for the speed benchmark: mostly companies and people that are on no list,
// built from common words and names, plus a share of variants of listed names. Seeded.
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "chokepoint/list_entry.h"
#include "variants.h"

namespace chokepoint::screen_eval {

inline std::vector<std::string> SyntheticNames(const std::vector<ListEntry>& entries, size_t count,
                                               double listed_share, uint64_t seed) {
  static const char* const kGiven[] = {
      "James",  "Mary",      "Robert",   "Patricia", "John",    "Jennifer",  "Michael", "Linda",
      "David",  "Elizabeth", "William",  "Barbara",  "Richard", "Susan",     "Joseph",  "Jessica",
      "Thomas", "Sarah",     "Charles",  "Karen",    "Wei",     "Li",        "Hiroshi", "Yuki",
      "Priya",  "Rahul",     "Olga",     "Ivan",     "Sergei",  "Anna",      "Lukas",   "Sophie",
      "Carlos", "Lucia",     "Ahmed",    "Fatima",   "Kwame",   "Amara",     "Jonas",   "Ingrid",
      "Pierre", "Camille",   "Giovanni", "Chiara",   "Mateo",   "Valentina", "Noah",    "Emma",
      "Liam",   "Olivia",    "Hannah",   "Elias",    "Mia",     "Leon"};
  static const char* const kFamily[] = {
      "Smith",     "Johnson",   "Williams", "Brown",     "Jones",    "Garcia",   "Miller",
      "Davis",     "Rodriguez", "Martinez", "Hernandez", "Lopez",    "Gonzalez", "Wilson",
      "Anderson",  "Taylor",    "Moore",    "Jackson",   "Martin",   "Lee",      "Thompson",
      "White",     "Harris",    "Clark",    "Lewis",     "Walker",   "Young",    "Allen",
      "King",      "Wright",    "Schmidt",  "Schneider", "Fischer",  "Weber",    "Meyer",
      "Wagner",    "Becker",    "Hoffmann", "Dubois",    "Lefebvre", "Rossi",    "Russo",
      "Ferrari",   "Nakamura",  "Tanaka",   "Suzuki",    "Chen",     "Wang",     "Zhang",
      "Liu",       "Kumar",     "Sharma",   "Patel",     "Novak",    "Kowalski", "Nielsen",
      "Johansson", "Virtanen",  "Silva",    "Santos",    "Okafor"};
  static const char* const kWord[] = {
      "Apex",    "Summit",   "Blue",      "River",    "Northern", "Pacific", "Atlantic",  "Golden",
      "Silver",  "Green",    "Bright",    "Cedar",    "Maple",    "Oak",     "Pine",      "Harbor",
      "Valley",  "Crest",    "Prime",     "Nova",     "Vertex",   "Quantum", "Fusion",    "Stellar",
      "Horizon", "Pioneer",  "Frontier",  "Heritage", "Liberty",  "Unity",   "Keystone",  "Beacon",
      "Anchor",  "Compass",  "Falcon",    "Eagle",    "Lion",     "Tiger",   "Orchid",    "Lotus",
      "Sierra",  "Alpine",   "Coastal",   "Metro",    "Urban",    "Rural",   "Evergreen", "Redwood",
      "Granite", "Ironwood", "Bluewater", "Sunrise"};
  static const char* const kTrade[] = {
      "Logistics", "Foods",     "Software", "Systems",    "Analytics",   "Dental",     "Medical",
      "Farms",     "Textiles",  "Plastics", "Consulting", "Partners",    "Capital",    "Realty",
      "Motors",    "Labs",      "Robotics", "Energy",     "Solar",       "Water",      "Printing",
      "Packaging", "Furniture", "Apparel",  "Bakery",     "Brewing",     "Insurance",  "Advisors",
      "Studios",   "Media",     "Networks", "Devices",    "Instruments", "Components", "Materials",
      "Chemicals", "Pharma",    "Health",   "Telecom"};
  static const char* const kForm[] = {"Inc.", "LLC", "Ltd", "GmbH", "Co., Ltd.", "S.A.", "Corp.",
                                      "PLC",  "",    "",    "B.V.", "Pty Ltd",   "AG",   "Limited"};
  std::mt19937_64 rng(seed);
  auto pick = [&](const auto& arr) { return arr[rng() % std::size(arr)]; };
  const size_t listed = static_cast<size_t>(static_cast<double>(count) * listed_share);
  std::vector<std::string> out;
  out.reserve(count);
  for (const LabelledQuery& q : GeneratePositives(entries, listed, seed + 1, EvaluationDate())) {
    out.push_back(q.query);
  }
  while (out.size() < count) {
    std::string name;
    switch (rng() % 4) {
      case 0:
        name = std::string(pick(kGiven)) + " " + pick(kFamily);
        break;
      case 1:
        name = std::string(pick(kFamily)) + ", " + pick(kGiven) + " " + pick(kGiven)[0] + ".";
        break;
      case 2:
        name = std::string(pick(kWord)) + " " + pick(kTrade) + " " + pick(kForm);
        break;
      default:
        name =
            std::string(pick(kWord)) + " " + pick(kWord) + " " + pick(kTrade) + " " + pick(kForm);
        break;
    }
    while (!name.empty() && name.back() == ' ') name.pop_back();
    out.push_back(std::move(name));
  }
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

}  // namespace chokepoint::screen_eval
