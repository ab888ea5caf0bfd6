// The Boost.Graph types the engine uses, in one private header. Compressed sparse row storage
// keeps a million parties and three million links in about 40 MB of adjacency, against several
// hundred for adjacency_list, and still offers in_edges for walking links backwards.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <cstdint>

namespace chokepoint::graph {

// Vertices are party indices; each edge's bundled property is the link index, so a walk can read
// relation, dates and share from the link table.
using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, uint32_t,
                                               boost::no_property, uint32_t, uint32_t>;

// A plain directed graph for the ownership solver's strongly connected components.
using DirectedCsr =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, uint32_t, uint32_t>;

}  // namespace chokepoint::graph
