#include "storage/Migrations.h"
