// Just enough of dnsmasq's lease-file format for the lab's checks (the product's parser is @routerd/leases).

export interface V4Lease {
  expiry: number;
  mac: string;
  address: string;
}

export interface V6Lease {
  expiry: number;
  iaid: string;
  address: string;
  duid: string;
}

export interface LeaseFileView {
  v4: V4Lease[];
  v6: V6Lease[];
  serverDuid: string | undefined;
}

export function parseLeaseText(text: string): LeaseFileView {
  const view: LeaseFileView = { v4: [], v6: [], serverDuid: undefined };
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    if (fields.length === 1 && fields[0] === '') continue;
    if (fields[0] === 'duid' && fields.length === 2) {
      view.serverDuid = fields[1];
      continue;
    }
    const [expiry, second, address, , last] = fields;
    if (fields.length !== 5 || expiry === undefined || second === undefined || address === undefined || last === undefined || !/^\d+$/.test(expiry)) {
      throw new SyntaxError(`lease file line: expected "<expiry> <mac|iaid> <address> <hostname> <client-id>", found ${JSON.stringify(line)}`);
    }
    if (view.serverDuid === undefined) view.v4.push({ expiry: Number(expiry), mac: second, address });
    else view.v6.push({ expiry: Number(expiry), iaid: second, address, duid: last });
  }
  return view;
}
