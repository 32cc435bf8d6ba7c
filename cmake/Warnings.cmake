# Warnings are set per target (wfm_set_warnings(target)), never globally.
function(wfm_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor)
  if(WFM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# wfm_add_module(name DEPS ...): one library per module directory src/wfm/<name>/,
# target wfm_<name>, alias wfm::<name>.
function(wfm_add_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(wfm_${name} STATIC ${sources})
  add_library(wfm::${name} ALIAS wfm_${name})
  target_include_directories(wfm_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(wfm_${name} PUBLIC ${ARG_DEPS})
  wfm_set_warnings(wfm_${name})
endfunction()
