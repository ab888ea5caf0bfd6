// Graphviz DOT of a party's neighbourhood, written by boost::write_graphviz.
#include <boost/graph/graphviz.hpp>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "graph/graph_internal.h"

namespace chokepoint {

namespace {

struct DotVertex {
  std::string label;
  bool listed = false;
  bool root = false;
};
struct DotEdge {
  std::string label;
  bool derived = false;
};
// CSR rather than adjacency_list: its edge iterator carries no boost::optional, which GCC 12
// misreads as uninitialised under -O2.
using DotGraph = boost::compressed_sparse_row_graph<boost::directedS, DotVertex, DotEdge,
                                                    boost::no_property, uint32_t, uint32_t>;

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";  // a line break inside the label
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

struct VertexWriter {
  const DotGraph& g;
  template <typename V>
  void operator()(std::ostream& os, const V& v) const {
    const DotVertex& d = g[v];
    os << "[label=" << Quote(d.label);
    if (d.listed) os << ", style=filled, fillcolor=\"#f4a3a3\"";
    if (d.root) os << ", penwidth=2";
    os << "]";
  }
};

struct EdgeWriter {
  const DotGraph& g;
  template <typename E>
  void operator()(std::ostream& os, const E& e) const {
    os << "[label=" << Quote(g[e].label);
    if (g[e].derived) os << ", style=dashed";
    os << "]";
  }
};

struct GraphWriter {
  void operator()(std::ostream& os) const { os << "rankdir=LR;\nnode [shape=box];\n"; }
};

}  // namespace

Result<std::string> PartyGraph::ToDot(std::string_view party_id, Date as_of, int max_hops) const {
  const Impl& g = *impl_;
  const uint32_t start = g.net.Find(party_id);
  if (start == graph::kNone) {
    return Status::NotFound("unknown party '" + std::string(party_id) + "'");
  }
  std::vector<uint32_t> order{start};
  std::unordered_map<uint32_t, size_t> index{{start, 0}};
  std::vector<uint32_t> links;
  std::unordered_set<uint32_t> seen_links;
  size_t level_end = 1;
  int depth = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i == level_end) {
      level_end = order.size();
      ++depth;
    }
    if (depth >= max_hops) break;
    auto visit = [&](uint32_t li, uint32_t other) {
      if (!graph::LinkActive(g.link(li), as_of)) return;
      if (index.emplace(other, order.size()).second) order.push_back(other);
      if (seen_links.insert(li).second) links.push_back(li);
    };
    for (auto e : boost::make_iterator_range(boost::out_edges(order[i], g.csr))) {
      visit(g.csr[e], boost::target(e, g.csr));
    }
    for (auto e : boost::make_iterator_range(boost::in_edges(order[i], g.csr))) {
      visit(g.csr[e], boost::source(e, g.csr));
    }
  }
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  std::vector<DotEdge> edge_props;
  for (uint32_t li : links) {
    const graph::LinkRec& l = g.link(li);
    auto from = index.find(l.from), to = index.find(l.to);
    if (from == index.end() || to == index.end()) continue;
    std::string label = RelationName(l.relation);
    if (auto share = g.SharePct(l)) label += " " + share->ToString(4) + "%";
    edges.emplace_back(static_cast<uint32_t>(from->second), static_cast<uint32_t>(to->second));
    edge_props.push_back(DotEdge{label, l.derived});
  }
  std::ostringstream os;
  try {
    DotGraph dot(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(),
                 edge_props.begin(), static_cast<uint32_t>(order.size()));
    const graph::ListFilter any;
    for (uint32_t i = 0; i < order.size(); ++i) {
      const Party& p = g.party(order[i]);
      dot[i].label = p.name + "\n" + p.id + (p.country.empty() ? "" : " · " + p.country);
      dot[i].listed = g.ListedOn(order[i], as_of, any);
      dot[i].root = i == 0;
    }
    boost::write_graphviz(os, dot, VertexWriter{dot}, EdgeWriter{dot}, GraphWriter{});
  } catch (const std::exception& e) {
    return Status::Internal(std::string("writing DOT: ") + e.what());
  }
  return os.str();
}

}  // namespace chokepoint
