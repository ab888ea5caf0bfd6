# The store's schema migrations, embedded into the engine at build time. Included from
# engine/CMakeLists.txt (which lists the store's sources with the rest of the engine).

# Schema migrations, applied in this order, each once and in its own transaction. Never edit a
# migration that has shipped (databases in the field already ran it); add the next number.
set(_store_migrations
  001_audit_log.sql
  002_list_snapshots.sql
  003_party_network.sql
  004_party_register.sql
  005_ledger_audits.sql
  006_api_keys.sql
)

set(_store_dir "${CMAKE_CURRENT_LIST_DIR}")

# A .sql file nobody listed would silently never run; stop the build instead.
file(GLOB _store_present RELATIVE "${_store_dir}/migrations" "${_store_dir}/migrations/*.sql")
foreach(_file IN LISTS _store_present)
  if(NOT _file IN_LIST _store_migrations)
    message(FATAL_ERROR
            "engine/src/store/migrations/${_file} is not listed in ${CMAKE_CURRENT_LIST_FILE}")
  endif()
endforeach()

# The .sql files stay the source of truth: each becomes a raw string literal in a generated .cpp,
# and editing one re-runs this step.
set(CHOKEPOINT_STORE_MIGRATION_ENTRIES "")
set(_expected 1)
foreach(_file IN LISTS _store_migrations)
  if(NOT _file MATCHES "^([0-9][0-9][0-9])_([a-z0-9_]+)\\.sql$")
    message(FATAL_ERROR "migration '${_file}' is not named NNN_lower_case_name.sql")
  endif()
  math(EXPR _version "${CMAKE_MATCH_1}")
  set(_name "${CMAKE_MATCH_2}")
  if(NOT _version EQUAL _expected)
    message(FATAL_ERROR
            "migration '${_file}' should be number ${_expected}: versions run 1, 2, 3, ...")
  endif()
  math(EXPR _expected "${_expected} + 1")

  set(_path "${_store_dir}/migrations/${_file}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_path}")
  file(READ "${_path}" _sql)
  if(_sql MATCHES "\\)chokepoint_sql\"")
    message(FATAL_ERROR "migration '${_file}' contains the raw-string delimiter )chokepoint_sql\"")
  endif()
  string(APPEND CHOKEPOINT_STORE_MIGRATION_ENTRIES
         "    {${_version}, \"${_name}\", R\"chokepoint_sql(${_sql})chokepoint_sql\"},\n")
endforeach()

configure_file("${_store_dir}/migrations_embedded.cpp.in"
               "${CMAKE_CURRENT_BINARY_DIR}/generated/store/migrations_embedded.cpp" @ONLY)

target_sources(chokepoint_engine PRIVATE
  ${CMAKE_CURRENT_BINARY_DIR}/generated/store/migrations_embedded.cpp
)
