#include "storage/DraftStore.h"
