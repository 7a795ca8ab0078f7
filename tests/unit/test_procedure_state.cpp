#include <catch2/catch.hpp>

#include "core/procedure_state.h"

using holdfast::definition_may_leave_state;

TEST_CASE("a procedure body that may leave session state is recognised, whole words only", "[unit][procedure_state]") {
  CHECK_FALSE(definition_may_leave_state("BEGIN INSERT INTO hf_calls VALUES (v); SET v = v + 1; END"));
  CHECK_FALSE(definition_may_leave_state("BEGIN SET n = 3; END"));
  CHECK_FALSE(definition_may_leave_state("blk: BEGIN SELECT unlocked, clock_t, prepared FROM t; END blk"));
  CHECK(definition_may_leave_state("BEGIN CREATE TEMPORARY TABLE t (a INT); END"));
  CHECK(definition_may_leave_state("BEGIN create temporary table t (a int); END"));
  CHECK(definition_may_leave_state("BEGIN SET @x = 1; END"));
  CHECK(definition_may_leave_state("BEGIN SELECT 1 INTO @x; END"));
  CHECK(definition_may_leave_state("BEGIN LOCK TABLES t WRITE; END"));
  CHECK(definition_may_leave_state("BEGIN DO GET_LOCK('a', 1); END"));
  CHECK(definition_may_leave_state("BEGIN PREPARE s FROM 'SELECT 1'; END"));
  CHECK(definition_may_leave_state("BEGIN CALL other(); END"));
  CHECK(definition_may_leave_state("BEGIN HANDLER t OPEN; END"));
}
