// Small hand-computed data sets shared by the KPI tests. Every expected value in the tests is
// worked out by hand from these rows (see the comments next to each check).
#pragma once

#include <sstream>
#include <string>

namespace wfm::kpi::test {

// Ten contacts over two days (Mon 2024-03-04 and Tue 2024-03-05), two queues, in the generic
// format. Waits: c1 10, c2 30, c5 20, c7 5, c8 15, c10 60 (handled); c3 4, c4 45, c9 20
// (abandoned); c6 blocked. Customers: A = c1, c5, c9; B = c2, c8; C, D, E, F once; c7 none.
inline const std::string contacts_csv =
    "contact_id,queue,customer_id,arrival,answer,end,outcome,talk_s,hold_s,acw_s,agent,csat,nps,"
    "ces,resolved\n"
    "c1,sales,A,2024-03-04T08:00:00,2024-03-04T08:00:10,2024-03-04T08:03:10,answered,160,20,30,"
    "ann,5,10,2,yes\n"
    "c2,sales,B,2024-03-04T08:01:00,2024-03-04T08:01:30,2024-03-04T08:05:30,answered,200,40,60,"
    "bob,3,7,4,\n"
    "c3,sales,C,2024-03-04T08:02:00,,2024-03-04T08:02:04,abandoned,,,,,,,,\n"
    "c4,sales,D,2024-03-04T08:03:00,,2024-03-04T08:03:45,abandoned,,,,,,,,\n"
    "c5,support,A,2024-03-04T08:05:00,2024-03-04T08:05:20,2024-03-04T08:10:20,transferred,240,0,"
    "60,ann,4,6,,no\n"
    "c6,support,E,2024-03-04T08:20:00,,,blocked,,,,,,,,\n"
    "c7,support,,2024-03-04T08:30:00,2024-03-04T08:30:05,,answered,100,10,20,bob,1,9,7,\n"
    "c8,sales,B,2024-03-05T07:59:00,2024-03-05T07:59:15,,answered,120,0,0,ann,,,,yes\n"
    "c9,sales,A,2024-03-05T09:00:00,,2024-03-05T09:00:20,abandoned,,,,,,,,\n"
    "c10,support,F,2024-03-05T10:00:00,2024-03-05T10:01:00,,answered,300,,,bob,,,,\n";

// Agent states on Monday 2024-03-04 (ann 4 h logged in, bob 2.5 h logged in and 1 h offline).
inline const std::string states_csv =
    "agent,state,start,end\n"
    "ann,available,2024-03-04T08:00,2024-03-04T08:30\n"
    "ann,on_contact,2024-03-04T08:30,2024-03-04T09:30\n"
    "ann,acw,2024-03-04T09:30,2024-03-04T09:45\n"
    "ann,break,2024-03-04T09:45,2024-03-04T10:00\n"
    "ann,training,2024-03-04T10:00,2024-03-04T11:00\n"
    "ann,available,2024-03-04T11:00,2024-03-04T12:00\n"
    "bob,available,2024-03-04T08:00,2024-03-04T09:00\n"
    "bob,on_contact,2024-03-04T09:00,2024-03-04T10:00\n"
    "bob,offline,2024-03-04T10:00,2024-03-04T11:00\n"
    "bob,meeting,2024-03-04T11:00,2024-03-04T11:30\n";

// The schedule of the same day: ann 4 h (a planned break), bob 3.5 h (a planned meeting).
inline const std::string schedule_csv =
    "agent,activity,start,end\n"
    "ann,work,2024-03-04T08:00,2024-03-04T09:45\n"
    "ann,break,2024-03-04T09:45,2024-03-04T10:00\n"
    "ann,work,2024-03-04T10:00,2024-03-04T12:00\n"
    "bob,work,2024-03-04T08:00,2024-03-04T10:00\n"
    "bob,work,2024-03-04T10:00,2024-03-04T11:00\n"
    "bob,meeting,2024-03-04T11:00,2024-03-04T11:30\n";

// A 1-hour forecast for Monday 08:00 and 09:00 (actuals: sales 4 and 0, support 3 and 0).
inline const std::string forecast_csv =
    "interval_start,queue,calls\n"
    "2024-03-04T08:00,sales,5\n"
    "2024-03-04T08:00,support,2\n"
    "2024-03-04T09:00,sales,1\n"
    "2024-03-04T09:00,support,1\n";

}  // namespace wfm::kpi::test
