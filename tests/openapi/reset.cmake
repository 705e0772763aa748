# Empties the directory the tests record their responses into (ctest fixture setup of openapi_responses).
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
