"""The activity log: security and other events, stored with the change they report (or as they
happen, through jobs when the store fails), read by administrators."""

from revenge_domain.activity.cases import (
    ActivityQueries,
    PurgeActivity,
    StoreActivity,
    StoredActivityLog,
)
from revenge_domain.activity.jobs import (
    ActivityCleanup,
    RecordActivity,
    RecordSecurityActivity,
    job_for,
)
from revenge_domain.activity.model import (
    SECURITY_ACTIONS,
    ActionCount,
    Actions,
    ActivityEntry,
    ActivityEvent,
    ActivityPage,
    ActivityQuery,
    ActivityStats,
)
from revenge_domain.activity.ports import (
    NO_ACTIVITY,
    ActivityEntries,
    ActivityLog,
    ActivityStore,
    NoActivityLog,
)

__all__ = [
    "NO_ACTIVITY",
    "SECURITY_ACTIONS",
    "ActionCount",
    "Actions",
    "ActivityCleanup",
    "ActivityEntries",
    "ActivityEntry",
    "ActivityEvent",
    "ActivityLog",
    "ActivityPage",
    "ActivityQueries",
    "ActivityQuery",
    "ActivityStats",
    "ActivityStore",
    "NoActivityLog",
    "PurgeActivity",
    "RecordActivity",
    "RecordSecurityActivity",
    "StoreActivity",
    "StoredActivityLog",
    "job_for",
]
