#include "storage/AuditJournal.h"
