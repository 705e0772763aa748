#include "domain/Validators.h"
