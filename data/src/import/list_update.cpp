// `lists update`: download the official lists over HTTP(S) with Poco, then import them. Poco
// reports failures by exception; they are caught here and become IOError naming the URL.
#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>

#include "chokepoint/data/list_import.h"
#include "chokepoint/sha256.h"
#include "import/import_internal.h"

namespace chokepoint::data {

namespace {

namespace fs = std::filesystem;
using Poco::Net::HTTPResponse;

// A private directory for one update's downloads, removed with everything in it.
class TempDir {
 public:
  static Result<TempDir> Create() {
    std::error_code ec;
    fs::path tmp = fs::temp_directory_path(ec);
    if (ec) tmp = "/tmp";
    std::string pattern = (tmp / "chokepoint-update-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      return Status::IOError("creating a temporary directory " + pattern + " failed");
    }
    return TempDir(pattern);
  }
  TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

bool IsRedirect(HTTPResponse::HTTPStatus status) {
  return status == HTTPResponse::HTTP_MOVED_PERMANENTLY || status == HTTPResponse::HTTP_FOUND ||
         status == HTTPResponse::HTTP_SEE_OTHER ||
         status == HTTPResponse::HTTP_TEMPORARY_REDIRECT ||
         status == HTTPResponse::HTTP_PERMANENT_REDIRECT;
}

std::unique_ptr<Poco::Net::HTTPClientSession> OpenSession(const Poco::URI& uri) {
  if (uri.getScheme() == "http") {
    return std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
  }
  static std::once_flag ssl_once;
  std::call_once(ssl_once, [] { Poco::Net::initializeSSL(); });
  // The system's CA store, the peer's certificate and host name verified: a list that decides who
  // may receive exports must come from the government's server, not whoever answers.
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                           Poco::Net::Context::VERIFY_RELAXED, 9,
                                                           /*loadDefaultCAs=*/true);
  context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                            Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
  return std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
}

// Streams the body into `path`, hashing as it goes. Throws what Poco throws.
Result<FileDigest> SaveBody(std::istream& in, const std::string& url, const std::string& path,
                            int64_t content_length, int64_t max_bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot write " + path);
  Sha256 hash;
  // With badbit in the mask, a network error inside the stream rethrows Poco's exception (and
  // its message) instead of quietly ending the body early.
  in.exceptions(std::ios::badbit);
  FileDigest d{path, fs::path(path).filename().string(), {}, 0};
  std::array<char, 1 << 16> buf;
  while (in) {
    in.read(buf.data(), buf.size());
    const auto n = static_cast<size_t>(in.gcount());
    if (n == 0) break;
    d.bytes += static_cast<int64_t>(n);
    if (d.bytes > max_bytes) {
      return Status::IOError("GET " + url + ": the body exceeds the limit of " +
                             std::to_string(max_bytes) + " bytes");
    }
    hash.Update(std::string_view(buf.data(), n));
    out.write(buf.data(), static_cast<std::streamsize>(n));
  }
  out.close();
  if (!out) return Status::IOError("writing " + path + " failed");
  if (content_length >= 0 && d.bytes != content_length) {
    return Status::IOError("GET " + url + ": connection closed after " + std::to_string(d.bytes) +
                           " of " + std::to_string(content_length) + " bytes");
  }
  Result<std::string> hex = hash.FinishHex();
  if (!hex.ok()) return hex.status();
  d.sha256 = *hex;
  return d;
}

Result<FileDigest> Download(const std::string& url, const std::string& path,
                            const UpdateOptions& o) {
  Poco::URI uri(url);
  for (int redirects = 0;; ++redirects) {
    const std::string here = uri.toString();
    if (uri.getScheme() != "http" && uri.getScheme() != "https") {
      return Status::IOError("GET " + here + ": only http and https URLs can be fetched");
    }
    std::unique_ptr<Poco::Net::HTTPClientSession> session = OpenSession(uri);
    session->setTimeout(Poco::Timespan(o.connect_timeout_s, 0),
                        Poco::Timespan(o.receive_timeout_s, 0),
                        Poco::Timespan(o.receive_timeout_s, 0));
    std::string target = uri.getPathAndQuery();
    if (target.empty()) target = "/";
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, target,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("User-Agent", "chokepoint/0.1 (lists update)");
    session->sendRequest(request);
    HTTPResponse response;
    std::istream& body = session->receiveResponse(response);
    const HTTPResponse::HTTPStatus status = response.getStatus();
    if (IsRedirect(status) && response.has("Location")) {
      if (redirects >= o.max_redirects) {
        return Status::IOError("GET " + url + ": more than " + std::to_string(o.max_redirects) +
                               " redirects");
      }
      uri.resolve(response.get("Location"));
      spdlog::debug("GET {}: HTTP {} → {}", here, static_cast<int>(status), uri.toString());
      continue;
    }
    if (status != HTTPResponse::HTTP_OK) {
      return Status::IOError("GET " + here + ": HTTP " + std::to_string(static_cast<int>(status)) +
                             " " + response.getReason());
    }
    // Servers that moved a file often answer its old URL with their home page and 200 OK.
    if (response.getContentType().rfind("text/html", 0) == 0) {
      return Status::IOError("GET " + here + ": the server sent an HTML page, not the list");
    }
    const int64_t length = response.hasContentLength() ? response.getContentLength64() : -1;
    if (length > o.max_bytes) {
      return Status::IOError("GET " + here + ": " + std::to_string(length) +
                             " bytes exceeds the limit of " + std::to_string(o.max_bytes));
    }
    return SaveBody(body, here, path, length, o.max_bytes);
  }
}

std::string JoinUrl(std::string base, const std::string& name) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + name;
}

Status ValidateOptions(const UpdateOptions& o) {
  for (const std::string& source : o.sources) {
    bool known = false;
    std::string all;
    for (const OfficialList& list : OfficialLists()) {
      known = known || list.source == source;
      all += (all.empty() ? "" : ", ") + list.source;
    }
    if (!known) return Status::InvalidArgument("unknown source '" + source + "'; one of " + all);
  }
  if (o.base_url.empty()) return Status::OK();
  try {
    Poco::URI uri(o.base_url);
    if ((uri.getScheme() == "http" || uri.getScheme() == "https") && !uri.getHost().empty()) {
      return Status::OK();
    }
  } catch (const Poco::Exception&) {
  }
  return Status::InvalidArgument("--base-url '" + o.base_url +
                                 "' is not an http:// or https:// URL with a host");
}

SourceUpdate UpdateOne(Store& store, const UpdateOptions& o, const OfficialList& list,
                       const std::string& dir) {
  SourceUpdate update{list.source, Status::OK(), std::nullopt};
  std::vector<std::string> paths;
  std::vector<std::string> names;
  for (const OfficialFile& file : list.files) names.push_back(file.name);
  std::error_code ec;
  fs::create_directory(dir, ec);
  for (const OfficialFile& file : list.files) {
    const std::string url = o.base_url.empty() ? file.url : JoinUrl(o.base_url, file.name);
    const std::string path = (fs::path(dir) / file.name).string();
    Result<FileDigest> d = DownloadFile(url, path, o);
    if (!d.ok()) {
      update.status =
          import_internal::RecordFailedImport(store, o.actor, names, list.format, d.status());
      return update;
    }
    spdlog::info("fetched {}: {} bytes, sha256 {}", url, d->bytes, d->sha256);
    paths.push_back(path);
  }
  Result<ImportResult> imported = ImportListFiles(store, paths, list.format, o.strict, o.actor);
  if (!imported.ok()) {
    update.status = imported.status();
  } else {
    update.result = std::move(imported).value();
  }
  return update;
}

}  // namespace

const std::vector<OfficialList>& OfficialLists() {
  static const std::vector<OfficialList> kLists = [] {
    const std::string ofac = "https://www.treasury.gov/ofac/downloads/";
    return std::vector<OfficialList>{
        {"csl",
         ListFormat::kCslCsv,
         {{"consolidated.csv",
           "https://data.trade.gov/downloadable_consolidated_screening_list/"
           "v1/consolidated.csv"}}},
        {"ofac-sdn",
         ListFormat::kSdnCsv,
         {{"sdn.csv", ofac + "sdn.csv"},
          {"add.csv", ofac + "add.csv"},
          {"alt.csv", ofac + "alt.csv"},
          {"sdn_comments.csv", ofac + "sdn_comments.csv"}}},
        {"ofac-cons",
         ListFormat::kConsCsv,
         {{"cons_prim.csv", ofac + "consolidated/cons_prim.csv"},
          {"cons_add.csv", ofac + "consolidated/cons_add.csv"},
          {"cons_alt.csv", ofac + "consolidated/cons_alt.csv"},
          {"cons_comments.csv", ofac + "consolidated/cons_comments.csv"}}},
        {"bis-dpl", ListFormat::kDplTsv, {{"dpl.txt", "https://www.bis.doc.gov/dpl/dpl.txt"}}},
        {"un",
         ListFormat::kUnXml,
         {{"consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"}}},
    };
  }();
  return kLists;
}

Result<FileDigest> DownloadFile(const std::string& url, const std::string& path,
                                const UpdateOptions& limits) {
  try {
    return Download(url, path, limits);
  } catch (const Poco::Exception& e) {
    return Status::IOError("GET " + url + ": " + e.displayText());
  } catch (const std::exception& e) {
    return Status::IOError("GET " + url + ": " + e.what());
  }
}

Result<std::vector<SourceUpdate>> UpdateLists(Store& store, const UpdateOptions& options) {
  if (Status s = ValidateOptions(options); !s.ok()) return s;
  Result<TempDir> dir = TempDir::Create();
  if (!dir.ok()) return dir.status();
  std::vector<SourceUpdate> updates;
  for (const OfficialList& list : OfficialLists()) {
    if (!options.sources.empty() && std::find(options.sources.begin(), options.sources.end(),
                                              list.source) == options.sources.end()) {
      continue;
    }
    updates.push_back(
        UpdateOne(store, options, list, (fs::path(dir->path()) / list.source).string()));
  }
  return updates;
}

}  // namespace chokepoint::data
