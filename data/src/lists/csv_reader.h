// The parsers' spelling of the public CSV reader.
#pragma once

#include "chokepoint/data/csv_reader.h"

namespace chokepoint::data::lists {
using data::CsvReader;
using data::CsvRow;
}  // namespace chokepoint::data::lists
