/** Users per `admin.users.list` page; "Load more" asks for the next. */
export const USERS_PAGE_SIZE = 25;
