// Ledger-audit benchmark: a generated ledger (realistic repetition: a pool of distinct parties,
// about 1 % of them listed names from the real lists) audited by the real `chokepoint audit`
// binary against every real list in ../shared/data/lists. Prints lines/s and the child's peak RSS
// for each size, so linear scaling shows at a glance.
//
//   audit_bench [--lines 100000,300000,1000000] [--parties 20000] [--threads 2] [--mixed-roles]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const char* kWords[] = {"Global",   "Pacific", "Dragon",   "Summit", "Nova",    "Apex",   "Vertex",
                        "Harbor",   "Silver",  "Quantum",  "Orient", "Atlas",   "Zenith", "Crystal",
                        "Eastern",  "Golden",  "Unity",    "Prime",  "Horizon", "Delta",  "Lotus",
                        "Meridian", "Polar",   "Sterling", "Cobalt", "Falcon",  "Titan",  "Jade"};
const char* kKinds[] = {"Technology",    "Electronics", "Trading",       "Logistics", "Computing",
                        "Data Services", "Systems",     "Semiconductor", "Cloud",     "Supply"};
const char* kForms[] = {"Co., Ltd.", "Pte Ltd", "GmbH", "Inc.", "LLC", "Sdn Bhd", "Ltd", "KK"};
const char* kCountries[] = {"CN", "HK", "SG", "MY", "AE", "DE", "JP", "GB", "US", "IN",
                            "VN", "TH", "KR", "TW", "NL", "FR", "MX", "BR", "TR", "IL"};
const char* kItems[] = {"NVIDIA H100 SXM5", "NVIDIA H20",       "A800 SXM4 80GB",  "NVIDIA L40S",
                        "NVIDIA L4",        "GeForce RTX 4090", "Instinct MI300X", "eccn:EAR99",
                        "eccn:5A992.c",     "NVIDIA B200"};

// Names of real listed parties, so the generated ledger has hits to find.
std::vector<std::string> ListedNames(const std::string& csl) {
  std::vector<std::string> names;
  std::ifstream in(csl);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line) && names.size() < 400) {
    // name is the 6th column; entries without quotes inside the name are enough here.
    std::vector<std::string> cols;
    std::string cur;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cols.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (cols.size() > 5 && !cols[5].empty() && cols[5].find('|') == std::string::npos &&
        cols[5].find(';') == std::string::npos) {
      names.push_back(cols[5]);
    }
  }
  return names;
}

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// Two shapes. The default is a distributor's ledger: lines in date order, customers (buyer and
// consignee) drawn with a skew, each customer's end users its own (a few per customer), and
// intermediaries from a small pool of forwarders in hub countries, who serve many customers. With
// --mixed-roles every party is drawn from one pool for every role and dates are random: a stress
// case where the ledger's own shipments knit every party to every other, so the number of ties
// to listed parties (and the size of each result) grows with the ledger.
void Generate(const std::string& path, long lines, int parties,
              const std::vector<std::string>& listed, bool mixed_roles) {
  std::mt19937_64 rng(20261125);
  struct P {
    std::string name, cc;
  };
  auto company = [&](int i, const char* kind) {
    return std::string(kWords[rng() % 28]) + " " + kWords[rng() % 28] + " " + kind + " " +
           kForms[rng() % 8] + " " + std::to_string(i);
  };
  std::vector<P> pool, end_users, forwarders;
  for (int i = 0; i < parties; ++i) {
    P p;
    if (i % 100 == 7 && !listed.empty()) {
      p.name = listed[static_cast<size_t>(i / 100) % listed.size()];
    } else {
      p.name = company(i, kKinds[rng() % 10]);
    }
    p.cc = kCountries[rng() % 20];
    pool.push_back(std::move(p));
  }
  const char* kHubs[] = {"HK", "SG", "MY", "AE", "TH", "VN"};
  for (int i = 0; i < parties / 100; ++i) {
    forwarders.push_back({company(i, i % 2 ? "Logistics" : "Freight"), kHubs[rng() % 6]});
  }
  for (int i = 0; i < parties * 3; ++i) {
    P p;
    if (i % 100 == 51 && !listed.empty()) {
      p.name = listed[(static_cast<size_t>(i / 100) + 200) % listed.size()];
    } else {
      p.name = company(i, i % 2 ? "Research Institute" : "Data Center");
    }
    p.cc = kCountries[rng() % 20];
    end_users.push_back(std::move(p));
  }
  // Skewed choice: a few big customers, a long tail.
  auto skewed = [](int n) {
    std::vector<double> weights(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) weights[static_cast<size_t>(i)] = 1.0 / (1.0 + i % 500);
    return std::discrete_distribution<int>(weights.begin(), weights.end());
  };
  auto pick = skewed(parties);
  auto pick_forwarder = skewed(static_cast<int>(forwarders.size()));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "shipment_id,ship_date,exporter,exporter_country,item,quantity,unit_value_usd,"
         "destination_country,buyer,buyer_country,consignee,consignee_country,end_user,"
         "end_user_country,intermediaries,end_use\n";
  const long span_days = 8 * 365;  // 2019-01-01 .. 2026-12-30
  for (long n = 0; n < lines; ++n) {
    const int b = pick(rng);
    const P& buyer = pool[static_cast<size_t>(b)];
    const P* end_user = &buyer;
    const P* via = nullptr;
    int year, month, day;
    if (mixed_roles) {
      if (rng() % 4 == 0) end_user = &pool[static_cast<size_t>(pick(rng))];
      if (rng() % 5 == 0) via = &pool[static_cast<size_t>(pick(rng))];
      year = 2019 + static_cast<int>(rng() % 8);
      month = static_cast<int>(1 + rng() % 12);
      day = static_cast<int>(1 + rng() % 28);
    } else {
      if (rng() % 4 == 0) end_user = &end_users[static_cast<size_t>(b) * 3 + rng() % 3];
      if (rng() % 5 == 0) via = &forwarders[static_cast<size_t>(pick_forwarder(rng))];
      // 12 months of 28 days keep the arithmetic simple; the order is what matters.
      const long d = n * span_days / lines;
      year = 2019 + static_cast<int>(d / 365);
      month = 1 + static_cast<int>((d % 365) / 31);
      day = 1 + static_cast<int>((d % 365) % 31 % 28);
    }
    char date[32];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    const std::string chain = via ? via->name + "|" + via->cc : "";
    out << "S-" << n << "," << date << ",Acme Silicon Inc.,US," << kItems[rng() % 10] << ","
        << 1 + rng() % 64 << "," << 1000 + rng() % 30000 << ".00," << buyer.cc << ","
        << Csv(buyer.name) << "," << buyer.cc << "," << Csv(buyer.name) << "," << buyer.cc << ","
        << Csv(end_user->name) << "," << end_user->cc << "," << Csv(chain) << ",data center\n";
  }
}

struct RunResult {
  int exit_code = -1;
  double seconds = 0;
  long max_rss_kb = 0;
};

RunResult Run(const std::vector<std::string>& args, const std::string& log) {
  const auto start = std::chrono::steady_clock::now();
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!freopen(log.c_str(), "a", stdout) || !freopen(log.c_str(), "a", stderr)) _exit(127);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.max_rss_kb = usage.ru_maxrss;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<long> sizes = {100000, 300000, 1000000};
  int parties = 20000;
  std::string threads = "0";
  bool mixed_roles = false;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--mixed-roles") {
      mixed_roles = true;
      continue;
    }
    if (i + 1 == argc) {
      std::fprintf(stderr, "%s needs a value\n", flag.c_str());
      return 2;
    }
    const char* value = argv[++i];
    if (flag == "--lines") {
      sizes.clear();
      std::stringstream ss(value);
      for (std::string t; std::getline(ss, t, ',');) sizes.push_back(std::stol(t));
    } else if (flag == "--parties") {
      parties = std::atoi(value);
    } else if (flag == "--threads") {
      threads = value;
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  const fs::path lists = fs::path(CHOKEPOINT_SOURCE_DIR) / ".." / "shared" / "data" / "lists";
  if (!fs::exists(lists / "us_csl" / "csl.csv")) {
    std::printf("skipped: %s not found (the real lists live beside the project)\n",
                lists.string().c_str());
    return 0;
  }
  const std::string binary = CHOKEPOINT_BINARY;
  const fs::path dir = fs::temp_directory_path() / "chokepoint-audit-bench";
  fs::create_directories(dir);
  const std::string db = (dir / "bench.db").string();
  const std::string log = (dir / "bench.log").string();
  for (const char* s : {"", "-wal", "-shm"}) fs::remove(db + s);

  const auto l = [&](const char* rel) { return (lists / rel).string(); };
  for (const auto& files : std::vector<std::vector<std::string>>{
           {l("us_csl/csl.csv")},
           {l("ofac_sdn/sdn.csv"), l("ofac_sdn_supplements/add.csv"),
            l("ofac_sdn_supplements/alt.csv"), l("ofac_sdn_supplements/sdn_comments.csv")},
           {l("ofac_consolidated_nonsdn/cons_prim.csv"), l("ofac_consolidated_nonsdn/cons_add.csv"),
            l("ofac_consolidated_nonsdn/cons_alt.csv"),
            l("ofac_consolidated_nonsdn/cons_comments.csv")},
           {l("us_bis_dpl/dpl.txt")},
           {l("un/UN_consolidated.xml")}}) {
    std::vector<std::string> args = {binary, "--db", db, "lists", "import"};
    args.insert(args.end(), files.begin(), files.end());
    if (Run(args, log).exit_code != 0) {
      std::printf("list import failed; see %s\n", log.c_str());
      return 1;
    }
  }
  const auto listed = ListedNames(l("us_csl/csl.csv"));
  std::printf("ledger audit against all real lists, %s ledger, %d customers, threads %s\n",
              mixed_roles ? "mixed-roles (stress)" : "distributor", parties, threads.c_str());
  std::printf("%10s %10s %12s %12s %8s\n", "lines", "seconds", "lines/s", "peak RSS MB", "exit");
  for (long n : sizes) {
    const std::string ledger = (dir / ("ledger-" + std::to_string(n) + ".csv")).string();
    Generate(ledger, n, parties, listed, mixed_roles);
    const std::string out = (dir / "results.jsonl").string();
    RunResult r = Run(
        {binary, "--db", db, "audit", ledger, "--out", out, "--threads", threads, "--json"}, log);
    std::printf("%10ld %10.2f %12.0f %12.1f %8d\n", n, r.seconds,
                static_cast<double>(n) / r.seconds, static_cast<double>(r.max_rss_kb) / 1024.0,
                r.exit_code);
    std::fflush(stdout);
  }
  std::printf("(exit 1 = findings, as expected; log: %s)\n", log.c_str());
  return 0;
}
