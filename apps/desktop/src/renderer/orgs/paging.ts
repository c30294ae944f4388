/** Organizations per `admin.orgs.list` page; "Load more" asks for the next. */
export const ORGS_PAGE_SIZE = 25;
