#include "storage/LocalStore.h"
